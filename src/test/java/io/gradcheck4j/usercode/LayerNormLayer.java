package io.gradcheck4j.usercode;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hand-written {@link LayerNorm} behind the minimal {@link Layer} contract; withParameters copies gamma and beta. */
final class LayerNormLayer implements Layer {
    private final LayerNorm norm;
    private final boolean forgetsGamma;

    LayerNormLayer(double[] gamma, double[] beta, boolean forgetsGamma) {
        this.norm = new LayerNorm(gamma.clone(), beta.clone(), forgetsGamma);
        this.forgetsGamma = forgetsGamma;
    }

    @Override
    public String type() {
        return "my-layernorm";
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("gamma", Tensor.vector(norm.gamma));
        p.put("beta", Tensor.vector(norm.beta));
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Tensor.vector(norm.forward(x.toArray()));
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        double[] dx = norm.backward(dy.toArray());
        return new LayerGradients(Tensor.vector(dx), Map.of("gamma", Tensor.vector(norm.dgamma), "beta", Tensor.vector(norm.dbeta)));
    }

    @Override
    public Layer withParameters(Map<String, Tensor> replacements) {
        return new LayerNormLayer(replacements.getOrDefault("gamma", parameters().get("gamma")).toArray(),
                replacements.getOrDefault("beta", parameters().get("beta")).toArray(), forgetsGamma);
    }
}
