package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;

/**
 * Softmax over the last axis, as a layer of its own (not fused with a loss):
 * y<sub>i</sub> = e<sup>x<sub>i</sub> - m</sup> / &Sigma;<sub>j</sub> e<sup>x<sub>j</sub> - m</sup> with
 * m = max<sub>j</sub> x<sub>j</sub> (subtracting the row maximum changes nothing mathematically and keeps
 * large logits from overflowing).
 *
 * <p>Backward, row by row: &part;y<sub>i</sub>/&part;x<sub>k</sub> = y<sub>i</sub>(&delta;<sub>ik</sub> - y<sub>k</sub>), so
 * dx = y &odot; (dy - &Sigma;<sub>j</sub> dy<sub>j</sub> y<sub>j</sub>).
 */
public final class Softmax extends RowWiseLayer {
    /** Type name. */
    public static final String TYPE = "softmax";

    /** Softmax over the last axis. */
    public Softmax() {
        super(TYPE);
    }

    @Override
    void forwardRow(double[] x, int start, int width, double[] y) {
        double sum = LastAxis.shiftedExps(x, start, width, LastAxis.rowMax(x, start, width), y);
        for (int j = start; j < start + width; j++) {
            y[j] /= sum;
        }
    }

    @Override
    void backwardRow(Tensor y, Tensor dy, int start, int width, double[] dx) {
        double dot = 0;
        for (int j = start; j < start + width; j++) {
            dot += dy.get(j) * y.get(j);
        }
        for (int j = start; j < start + width; j++) {
            dx[j] = y.get(j) * (dy.get(j) - dot);
        }
    }
}
