package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
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
public final class Softmax implements Layer {
    /** Type name. */
    public static final String TYPE = "softmax";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(Tensor x) {
        LastAxis.requireRank(TYPE, x);
        int width = LastAxis.width(x);
        double[] y = x.toArray();
        for (int start = 0; start < y.length; start += width) {
            double sum = LastAxis.shiftedExps(y, start, width, LastAxis.rowMax(y, start, width), y);
            for (int j = start; j < start + width; j++) {
                y[j] /= sum;
            }
        }
        return Tensor.wrap(y, x.shape());
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        int width = LastAxis.width(x);
        double[] dx = new double[x.size()];
        for (int start = 0; start < dx.length; start += width) {
            double dot = 0;
            for (int j = start; j < start + width; j++) {
                dot += dy.get(j) * y.get(j);
            }
            for (int j = start; j < start + width; j++) {
                dx[j] = y.get(j) * (dy.get(j) - dot);
            }
        }
        return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
    }
}
