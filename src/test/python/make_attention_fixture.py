#!/usr/bin/python3
"""Usage: make_attention_fixture.py OUTDIR. Writes the attention benchmark network as a gradcheck4j fixture, in the format
of the PyTorch peer's make_bench_fixtures.py (expected values from torch autograd, float64): self_attention over [4, 12, 16] (dk 16) + flatten + affine 192->3, half squared error."""
import json, os, sys, torch
g = torch.Generator().manual_seed(11)
R = lambda *s, sc=1.0: torch.randn(*s, generator=g, dtype=torch.float64) * sc
B, S, D = 4, 12, 16
x = R(B, S, D); wq, wk, wv = R(D, D, sc=D ** -0.5), R(D, D, sc=D ** -0.5), R(D, D, sc=D ** -0.5)
Wa, ba = R(S * D, 3, sc=(S * D) ** -0.5), R(3); tgt = R(B, 3)
ps = [wq, wk, wv, Wa, ba]
x.requires_grad_(); [p.requires_grad_() for p in ps]
q, k, v = x @ wq, x @ wk, x @ wv
h = torch.softmax(q @ k.transpose(1, 2) / D ** 0.5, dim=-1) @ v
y = h.reshape(B, -1) @ Wa + ba
L = 0.5 * ((y - tgt) ** 2).sum()
gr = torch.autograd.grad(L, [x] + ps)
grads = {"input": gr[0].tolist(), "layers.0.wq": gr[1].tolist(), "layers.0.wk": gr[2].tolist(), "layers.0.wv": gr[3].tolist(),
         "layers.2.weight": gr[4].tolist(), "layers.2.bias": gr[5].tolist()}
js = {"kind": "network", "name": "attn-b4-s12-d16", "source": "benchmark", "description": "self_attention [4,12,16] + affine",
      "derivation": "PyTorch autograd", "input": x.tolist(),
      "layers": [{"type": "self_attention", "params": {"wq": wq.tolist(), "wk": wk.tolist(), "wv": wv.tolist()}}, {"type": "flatten"},
                 {"type": "affine", "params": {"weight": Wa.tolist(), "bias": ba.tolist()}}],
      "loss": {"type": "half_squared_error", "target": tgt.tolist()},
      "expected": {"output": y.tolist(), "loss": L.item(), "gradients": grads}, "tolerance": {"atol": 1e-8, "rtol": 1e-6}}
os.makedirs(sys.argv[1], exist_ok=True); json.dump(js, open(os.path.join(sys.argv[1], "attn-b4-s12-d16.json"), "w")); print("ok")
