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
        requireInput(x);
        return scaleAndShift(normalized(x, statistics(x)), x);
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
            invStd[j] = inverseStd("feature " + j, var[j] / batch);
        }
        return new Statistics(mean, invStd);
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
