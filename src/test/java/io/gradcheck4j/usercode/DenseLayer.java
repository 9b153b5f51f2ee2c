package io.gradcheck4j.usercode;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hand-written {@link Dense} behind the minimal {@link Layer} contract, as a user would adapt it: the layer
 * object is mutable (its Dense caches x and holds dW, db), and withParameters copies the tensors into a new Dense.
 */
final class DenseLayer implements Layer {
    private final Dense dense;

    DenseLayer(Dense dense) {
        this.dense = dense;
    }

    @Override
    public String type() {
        return "my-dense";
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("w", Tensor.of(dense.w, dense.out, dense.in));
        p.put("b", Tensor.vector(dense.b));
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Tensor.vector(dense.forward(x.toArray()));
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        double[] dx = dense.backward(dy.toArray());
        return new LayerGradients(Tensor.vector(dx), Map.of("w", Tensor.of(dense.dw, dense.out, dense.in), "b", Tensor.vector(dense.db)));
    }

    @Override
    public Layer withParameters(Map<String, Tensor> replacements) {
        double[] w = replacements.getOrDefault("w", parameters().get("w")).toArray();
        double[] b = replacements.getOrDefault("b", parameters().get("b")).toArray();
        return new DenseLayer(new Dense(dense.in, dense.out, w, b));
    }
}
