package io.gradcheck4j.mutants;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;

/**
 * A residual block y = x + tanh(x), where x fans out to the skip path and to tanh. Its correct backward
 * accumulates both paths, dx = dy + (1 - tanh<sup>2</sup>(x)) dy; the faulty variant keeps only the last
 * path written (dx = (1 - tanh<sup>2</sup>(x)) dy), the classic "gradient not accumulated at fan-out" bug.
 */
public final class ResidualTanh implements Pure {
    /** Type name. */
    public static final String TYPE = "residual_tanh";

    private final boolean accumulatesFanOut;

    /** The correct block ({@code true}) or the one that overwrites instead of adding at the fan-out. */
    public ResidualTanh(boolean accumulatesFanOut) {
        this.accumulatesFanOut = accumulatesFanOut;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.map(v -> v + Math.tanh(v));
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        Tensor throughTanh = x.zip(dy, (v, g) -> {
            double t = Math.tanh(v);
            return (1 - t * t) * g;
        });
        return LayerGradients.ofInput(accumulatesFanOut ? throughTanh.plus(dy) : throughTanh);
    }
}
