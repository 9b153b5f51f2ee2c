package io.gradcheck4j.cli.evil;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;

/** A layer class whose static initializer throws (a missing licence file, say). */
public final class BrokenInit implements Layer {
    private static final String LICENCE = licence();

    private static String licence() {
        throw new IllegalStateException("no licence file");
    }

    @Override
    public String type() {
        return "broken_init" + LICENCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        return LayerGradients.ofInput(dy);
    }
}
