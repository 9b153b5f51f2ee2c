package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;

/** Helpers for layers that work row by row along the last axis (softmax, log-softmax, layer norm). */
final class LastAxis {
    private LastAxis() {
    }

    /** An error naming the layer when x is a scalar (there is no last axis). */
    static void requireRank(String type, Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException(type + " works along the last axis and needs an input of rank >= 1, got a scalar");
        }
    }

    /** Length of the last axis; the row-major data is a sequence of rows of this length. */
    static int width(Tensor x) {
        return x.dim(x.rank() - 1);
    }
}
