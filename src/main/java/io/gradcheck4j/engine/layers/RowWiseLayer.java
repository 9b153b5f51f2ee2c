package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;

/**
 * A parameter-free layer that maps every row along the last axis on its own (softmax, log-softmax), on
 * inputs of any rank &ge; 1.
 */
abstract class RowWiseLayer implements Pure {
    private final String type;

    RowWiseLayer(String type) {
        this.type = type;
    }

    /** Writes the outputs of the row of {@code width} inputs starting at {@code start} into {@code y}. */
    abstract void forwardRow(double[] x, int start, int width, double[] y);

    /** Writes dx of the row of {@code width} elements starting at {@code start}, given its y and dy. */
    abstract void backwardRow(Tensor y, Tensor dy, int start, int width, double[] dx);

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Tensor forward(Tensor x) {
        LastAxis.requireRank(type, x);
        int width = LastAxis.width(x);
        double[] in = x.toArray();
        double[] y = new double[in.length];
        for (int start = 0; start < y.length; start += width) {
            forwardRow(in, start, width, y);
        }
        return Tensor.wrap(y, x.shape());
    }

    @Override
    public final LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        int width = LastAxis.width(x);
        double[] dx = new double[x.size()];
        for (int start = 0; start < dx.length; start += width) {
            backwardRow(y, dy, start, width, dx);
        }
        return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
    }
}
