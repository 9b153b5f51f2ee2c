package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Layer normalization over the last axis (length D) of an input of any rank &ge; 1: each row r is
 * normalised with its own statistics,
 * &mu;<sub>r</sub> = (1/D) &Sigma;<sub>j</sub> x<sub>rj</sub>,
 * &sigma;&sup2;<sub>r</sub> = (1/D) &Sigma;<sub>j</sub> (x<sub>rj</sub> - &mu;<sub>r</sub>)&sup2;,
 * x&#770;<sub>rj</sub> = (x<sub>rj</sub> - &mu;<sub>r</sub>) / &radic;(&sigma;&sup2;<sub>r</sub> + &epsilon;),
 * y<sub>rj</sub> = &gamma;<sub>j</sub> x&#770;<sub>rj</sub> + &beta;<sub>j</sub>.
 *
 * <p>Backward, with g<sub>rj</sub> = &gamma;<sub>j</sub> dy<sub>rj</sub> (the gradient reaching x&#770;) and
 * &iota;<sub>r</sub> = 1/&radic;(&sigma;&sup2;<sub>r</sub> + &epsilon;): the batch-norm formula transposed to rows,
 * dx<sub>rj</sub> = (1/D) &iota;<sub>r</sub> (D g<sub>rj</sub> - &Sigma;<sub>k</sub> g<sub>rk</sub> - x&#770;<sub>rj</sub> &Sigma;<sub>k</sub> g<sub>rk</sub> x&#770;<sub>rk</sub>);
 * d&gamma;<sub>j</sub> = &Sigma;<sub>r</sub> dy<sub>rj</sub> x&#770;<sub>rj</sub>, d&beta;<sub>j</sub> = &Sigma;<sub>r</sub> dy<sub>rj</sub>.
 *
 * <p>Incrementally ({@link io.gradcheck4j.engine.fast.FastLayer#forwardPatch}), a changed input entry changes only its row: each changed row
 * is normalised again by the code {@link #forward} runs, so the patch is bit for bit a forward pass.
 */
public final class LayerNorm extends Normalization {
    /** Type name. */
    public static final String TYPE = "layer_norm";
    /** Name of the scale &gamma;. */
    public static final String GAMMA = Normalization.GAMMA;
    /** Name of the shift &beta;. */
    public static final String BETA = Normalization.BETA;
    /** Name of the &epsilon; option. */
    public static final String EPSILON = Normalization.EPSILON;
    /** PyTorch's default &epsilon;. */
    public static final double DEFAULT_EPSILON = Normalization.DEFAULT_EPSILON;

    /** Layer norm with &gamma;, &beta; [D] and &epsilon; &ge; 0 added to the variance. */
    public LayerNorm(Tensor gamma, Tensor beta, double epsilon) {
        super(TYPE, gamma, beta, epsilon);
    }

    @Override
    LayerNorm with(Tensor newGamma, Tensor newBeta) {
        return new LayerNorm(newGamma, newBeta, epsilon);
    }

    @Override
    public Tensor forward(Tensor x) {
        return scaleAndShift(normalized(x), x);
    }

    @Override
    double[] normalized(Tensor x) {
        requireInput(x);
        double[] xhat = new double[x.size()];
        for (int start = 0; start < xhat.length; start += gamma.size()) {
            normalizeRow(x::get, x, start, xhat);
        }
        return xhat;
    }

    /** Normalises again, scales and shifts the rows holding a changed entry; lists every entry of those rows. */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        requireInput(x);
        int width = gamma.size();
        int n = 0;
        int lastStart = -1;
        for (int e = 0; e < count; e++) {
            int start = changed[e] / width * width;
            if (start == lastStart) {
                continue;
            }
            lastStart = start;
            normalizeRow(in -> x2[in], x, start, out);
            for (int j = 0; j < width; j++) {
                out[start + j] = gamma.get(j) * out[start + j] + beta.get(j);
                written[n++] = start + j;
            }
        }
        return n;
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        requireInput(x);
        int width = gamma.size();
        double[] xhat = new double[x.size()];
        double[] dx = new double[x.size()];
        for (int start = 0; start < dx.length; start += width) {
            double invStd = normalizeRow(x::get, x, start, xhat);
            double sumG = 0;
            double sumGXhat = 0;
            for (int j = 0; j < width; j++) {
                double g = gamma.get(j) * dy.get(start + j);
                sumG += g;
                sumGXhat += g * xhat[start + j];
            }
            for (int j = 0; j < width; j++) {
                double g = gamma.get(j) * dy.get(start + j);
                dx[start + j] = invStd / width * (width * g - sumG - xhat[start + j] * sumGXhat);
            }
        }
        return gradients(x, xhat, dy, (dGamma, dBeta) -> dx);
    }

    private void requireInput(Tensor x) {
        if (x.rank() < 1 || x.dim(x.rank() - 1) != gamma.size()) {
            throw new IllegalArgumentException(TYPE + " expects an input whose last axis has length " + gamma.size()
                    + ", got shape " + Arrays.toString(x.shape()));
        }
    }

    /**
     * Writes x&#770; of the row starting at {@code start} of the input whose entries are {@code x} (shaped like
     * {@code shape}, which names the row in an error) into {@code xhat}; returns 1/&radic;(&sigma;&sup2; + &epsilon;).
     */
    private double normalizeRow(IntToDoubleFunction x, Tensor shape, int start, double[] xhat) {
        int width = gamma.size();
        double mean = 0;
        for (int j = 0; j < width; j++) {
            mean += x.applyAsDouble(start + j);
        }
        mean /= width;
        double var = 0;
        for (int j = 0; j < width; j++) {
            double d = x.applyAsDouble(start + j) - mean;
            var += d * d;
        }
        double invStd = inverseStd(row -> "row " + shape.formatIndex(row), start, var / width);
        for (int j = 0; j < width; j++) {
            xhat[start + j] = (x.applyAsDouble(start + j) - mean) * invStd;
        }
        return invStd;
    }
}
