package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;

/**
 * Log-softmax over the last axis: y<sub>i</sub> = x<sub>i</sub> - log &Sigma;<sub>j</sub> e<sup>x<sub>j</sub></sup>,
 * with the log-sum-exp computed as m + log &Sigma;<sub>j</sub> e<sup>x<sub>j</sub> - m</sup>, m = max<sub>j</sub> x<sub>j</sub>,
 * so large logits neither overflow nor lose the small outputs.
 *
 * <p>Backward, row by row: &part;y<sub>i</sub>/&part;x<sub>k</sub> = &delta;<sub>ik</sub> - softmax(x)<sub>k</sub>, so
 * dx = dy - softmax(x) &middot; &Sigma;<sub>j</sub> dy<sub>j</sub>, where softmax(x) = e<sup>y</sup>.
 */
public final class LogSoftmax extends RowWiseLayer {
    /** Type name. */
    public static final String TYPE = "log_softmax";

    /** Log-softmax over the last axis. */
    public LogSoftmax() {
        super(TYPE);
    }

    /** Uses {@code y} as scratch for the shifted exponentials before writing the outputs. */
    @Override
    void forwardRow(double[] x, int start, int width, double[] y) {
        double max = LastAxis.rowMax(x, start, width);
        double logSumExp = max + Math.log(LastAxis.shiftedExps(x, start, width, max, y));
        for (int j = start; j < start + width; j++) {
            y[j] = x[j] - logSumExp;
        }
    }

    @Override
    void backwardRow(Tensor y, Tensor dy, int start, int width, double[] dx) {
        double sum = 0;
        for (int j = start; j < start + width; j++) {
            sum += dy.get(j);
        }
        for (int j = start; j < start + width; j++) {
            dx[j] = dy.get(j) - Math.exp(y.get(j)) * sum;
        }
    }
}
