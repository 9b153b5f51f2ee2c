package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Batch normalization in training mode on x [N, D]: every feature j is normalised with the statistics of
 * the current batch,
 * &mu;<sub>j</sub> = (1/N) &Sigma;<sub>n</sub> x<sub>nj</sub>,
 * &sigma;&sup2;<sub>j</sub> = (1/N) &Sigma;<sub>n</sub> (x<sub>nj</sub> - &mu;<sub>j</sub>)&sup2; (biased),
 * x&#770;<sub>nj</sub> = (x<sub>nj</sub> - &mu;<sub>j</sub>) / &radic;(&sigma;&sup2;<sub>j</sub> + &epsilon;),
 * y<sub>nj</sub> = &gamma;<sub>j</sub> x&#770;<sub>nj</sub> + &beta;<sub>j</sub>.
 * No running averages are kept (the layer is pure); inference mode is out of scope.
 *
 * <p>Backward (the compact form of F. Kratzert, "Understanding the backward pass through Batch
 * Normalization Layer", 2016, cited by the why-backprop post), with &iota;<sub>j</sub> = 1/&radic;(&sigma;&sup2;<sub>j</sub> + &epsilon;):
 * d&beta;<sub>j</sub> = &Sigma;<sub>n</sub> dy<sub>nj</sub>, d&gamma;<sub>j</sub> = &Sigma;<sub>n</sub> dy<sub>nj</sub> x&#770;<sub>nj</sub>,
 * dx<sub>nj</sub> = (1/N) &gamma;<sub>j</sub> &iota;<sub>j</sub> (N dy<sub>nj</sub> - d&beta;<sub>j</sub> - x&#770;<sub>nj</sub> d&gamma;<sub>j</sub>).
 * Every row's gradient depends on the whole batch, because the statistics do.
 *
 * <p>Incrementally ({@link io.gradcheck4j.engine.fast.FastLayer#forwardPatch}), a changed input entry changes only its column: the statistics
 * of each changed column are summed again over the batch in row order, as {@link #forward} sums them, so the
 * patch is bit for bit a forward pass.
 */
public final class BatchNorm extends Normalization {
    /** Type name. */
    public static final String TYPE = "batch_norm";
    /** Name of the scale &gamma;. */
    public static final String GAMMA = Normalization.GAMMA;
    /** Name of the shift &beta;. */
    public static final String BETA = Normalization.BETA;
    /** Name of the &epsilon; option. */
    public static final String EPSILON = Normalization.EPSILON;
    /** PyTorch's default &epsilon;. */
    public static final double DEFAULT_EPSILON = Normalization.DEFAULT_EPSILON;

    /** Batch norm with &gamma;, &beta; [D] and &epsilon; &ge; 0 added to the variance. */
    public BatchNorm(Tensor gamma, Tensor beta, double epsilon) {
        super(TYPE, gamma, beta, epsilon);
    }

    @Override
    BatchNorm with(Tensor newGamma, Tensor newBeta) {
        return new BatchNorm(newGamma, newBeta, epsilon);
    }

    @Override
    public Tensor forward(Tensor x) {
        return scaleAndShift(normalized(x), x);
    }

    @Override
    double[] normalized(Tensor x) {
        requireInput(x);
        return normalized(x, statistics(x));
    }

    /**
     * Normalises again, scales and shifts the columns holding a changed entry; lists every entry of those columns.
     * The changed columns are gathered, ascending, at the front of {@code written}, which then becomes the
     * row-major list of their entries (row 0's entries are the column numbers themselves).
     */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        requireInput(x);
        int batch = x.dim(0);
        int features = gamma.size();
        for (int e = 0; e < count; e++) {
            written[e] = changed[e] % features;
        }
        Arrays.sort(written, 0, count);
        int columns = 0;
        for (int e = 0; e < count; e++) {
            if (columns == 0 || written[e] != written[columns - 1]) {
                written[columns++] = written[e];
            }
        }
        for (int k = 0; k < columns; k++) {
            int j = written[k];
            double mean = 0;
            for (int i = j; i < out.length; i += features) {
                mean += x2[i];
            }
            mean /= batch;
            double var = 0;
            for (int i = j; i < out.length; i += features) {
                double d = x2[i] - mean;
                var += d * d;
            }
            double invStd = inverseStd(BatchNorm::feature, j, var / batch);
            for (int i = j; i < out.length; i += features) {
                out[i] = gamma.get(j) * ((x2[i] - mean) * invStd) + beta.get(j);
            }
        }
        for (int row = batch - 1; row > 0; row--) {
            for (int k = 0; k < columns; k++) {
                written[row * columns + k] = row * features + written[k];
            }
        }
        return batch * columns;
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        requireInput(x);
        int batch = x.dim(0);
        int features = gamma.size();
        Statistics stats = statistics(x);
        double[] xhat = normalized(x, stats);
        double[] invStd = stats.invStd();
        return gradients(x, xhat, dy, (dGamma, dBeta) -> {
            double[] dx = new double[xhat.length];
            for (int i = 0; i < dx.length; i++) {
                int j = i % features;
                dx[i] = gamma.get(j) * invStd[j] / batch * (batch * dy.get(i) - dBeta[j] - xhat[i] * dGamma[j]);
            }
            return dx;
        });
    }

    private void requireInput(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != gamma.size()) {
            throw new IllegalArgumentException(TYPE + " expects input [batch, " + gamma.size() + "], got " + Arrays.toString(x.shape()));
        }
    }

    /** The per-feature batch mean &mu; and 1/&radic;(&sigma;&sup2; + &epsilon;). */
    private record Statistics(double[] mean, double[] invStd) {
    }

    private Statistics statistics(Tensor x) {
        int batch = x.dim(0);
        int features = gamma.size();
        double[] mean = new double[features];
        for (int i = 0; i < x.size(); i++) {
            mean[i % features] += x.get(i);
        }
        for (int j = 0; j < features; j++) {
            mean[j] /= batch;
        }
        double[] var = new double[features];
        for (int i = 0; i < x.size(); i++) {
            double d = x.get(i) - mean[i % features];
            var[i % features] += d * d;
        }
        double[] invStd = new double[features];
        for (int j = 0; j < features; j++) {
            invStd[j] = inverseStd(BatchNorm::feature, j, var[j] / batch);
        }
        return new Statistics(mean, invStd);
    }

    private static String feature(int j) {
        return "feature " + j;
    }

    /** x&#770; as a fresh row-major array. */
    private static double[] normalized(Tensor x, Statistics stats) {
        int features = stats.mean().length;
        double[] xhat = new double[x.size()];
        for (int i = 0; i < xhat.length; i++) {
            xhat[i] = (x.get(i) - stats.mean()[i % features]) * stats.invStd()[i % features];
        }
        return xhat;
    }
}
