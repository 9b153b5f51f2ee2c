package io.gradcheck4j.contract;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;

/** Test-only layer: y = softplus(x) = ln(1 + e<sup>x</sup>), dy/dx = sigmoid(x). */
public final class TestSoftplus implements Layer {
    /** Type name. */
    public static final String TYPE = "test_softplus";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.map(v -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        return LayerGradients.ofInput(x.zip(dy, (v, g) -> g / (1 + Math.exp(-v))));
    }
}
