package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;

/**
 * Log-softmax over the last axis: y<sub>i</sub> = x<sub>i</sub> - log &Sigma;<sub>j</sub> e<sup>x<sub>j</sub></sup>,
 * with the log-sum-exp computed as m + log &Sigma;<sub>j</sub> e<sup>x<sub>j</sub> - m</sup>, m = max<sub>j</sub> x<sub>j</sub>,
 * so large logits neither overflow nor lose the small outputs.
 *
 * <p>Backward, row by row: &part;y<sub>i</sub>/&part;x<sub>k</sub> = &delta;<sub>ik</sub> - softmax(x)<sub>k</sub>, so
 * dx = dy - softmax(x) &middot; &Sigma;<sub>j</sub> dy<sub>j</sub>, where softmax(x) = e<sup>y</sup>.
 */
public final class LogSoftmax implements Layer {
    /** Type name. */
    public static final String TYPE = "log_softmax";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(Tensor x) {
        LastAxis.requireRank(TYPE, x);
        int width = LastAxis.width(x);
        double[] y = x.toArray();
        double[] exps = new double[y.length];
        for (int start = 0; start < y.length; start += width) {
            double max = LastAxis.rowMax(y, start, width);
            double sum = LastAxis.shiftedExps(y, start, width, max, exps);
            double logSumExp = max + Math.log(sum);
            for (int j = start; j < start + width; j++) {
                y[j] -= logSumExp;
            }
        }
        return Tensor.wrap(y, x.shape());
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        int width = LastAxis.width(x);
        double[] dx = new double[x.size()];
        for (int start = 0; start < dx.length; start += width) {
            double sum = 0;
            for (int j = start; j < start + width; j++) {
                sum += dy.get(j);
            }
            for (int j = start; j < start + width; j++) {
                dx[j] = dy.get(j) - Math.exp(y.get(j)) * sum;
            }
        }
        return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
    }
}
