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

    /** m = max<sub>j</sub> y<sub>j</sub> over the row of {@code width} values starting at {@code start}. */
    static double rowMax(double[] y, int start, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = start; j < start + width; j++) {
            max = Math.max(max, y[j]);
        }
        return max;
    }

    /**
     * Writes e<sup>y<sub>j</sub> - max</sup> of the row starting at {@code start} into {@code exps} at the same
     * positions ({@code exps} may be {@code y}); returns their sum, added in row order.
     */
    static double shiftedExps(double[] y, int start, int width, double max, double[] exps) {
        double sum = 0;
        for (int j = start; j < start + width; j++) {
            exps[j] = Math.exp(y[j] - max);
            sum += exps[j];
        }
        return sum;
    }
}
