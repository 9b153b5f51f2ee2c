package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.fast.LossPatch;
import io.gradcheck4j.engine.fast.PatchableLoss;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Softmax cross-entropy on logits y [batch, classes], averaged over the batch (the classification
 * loss of the why-backprop post): L = -(1/B) &Sigma;<sub>b</sub> &Sigma;<sub>c</sub> t<sub>bc</sub> log softmax(y<sub>b</sub>)<sub>c</sub>,
 * &part;L/&part;y = (softmax(y) - t) / B.
 *
 * <p>The target is either integer labels [batch] (t = one-hot of the label) or a probability matrix
 * [batch, classes] (one-hot or soft labels). Softmax is computed with the max subtracted for stability:
 * log softmax(y<sub>b</sub>)<sub>c</sub> = y<sub>bc</sub> - log Z<sub>b</sub>, log Z<sub>b</sub> = m<sub>b</sub> + log &Sigma;<sub>c</sub> exp(y<sub>bc</sub> - m<sub>b</sub>),
 * m<sub>b</sub> = max<sub>c</sub> y<sub>bc</sub>.
 *
 * <p>Patched ({@link PatchableLoss}): log Z of every row of y is kept and recomputed only for rows holding a
 * changed entry; the terms are then summed in the order of {@link #value}, so the result is bit for bit.
 */
public final class SoftmaxCrossEntropy implements PatchableLoss {
    /** Type name. */
    public static final String TYPE = "softmax_cross_entropy";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double value(Tensor y, Tensor target) {
        int batch = y.dim(0);
        int classes = y.dim(1);
        double total = 0;
        for (int b = 0; b < batch; b++) {
            total = minusRowTerms(total, y, target, b, classes, logZ(y, b, classes));
        }
        return total / batch;
    }

    @Override
    public LossPatch at(Tensor y, Tensor target) {
        int batch = y.dim(0);
        int classes = y.dim(1);
        double[] logZ = new double[batch];
        for (int b = 0; b < batch; b++) {
            logZ[b] = logZ(y, b, classes);
        }
        return (y2, changed, count) -> {
            double total = 0;
            int next = 0;
            for (int b = 0; b < batch; b++) {
                double rowLogZ = logZ[b];
                if (next < count && changed[next] / classes == b) {
                    rowLogZ = logZ(y2, b, classes);
                    while (next < count && changed[next] / classes == b) {
                        next++;
                    }
                }
                total = minusRowTerms(total, y2, target, b, classes, rowLogZ);
            }
            return total / batch;
        };
    }

    /** log Z<sub>b</sub> of row b of y. */
    private static double logZ(Tensor y, int b, int classes) {
        double max = rowMax(y, b, classes);
        double sumExp = 0;
        for (int c = 0; c < classes; c++) {
            sumExp += Math.exp(y.get(b * classes + c) - max);
        }
        return max + Math.log(sumExp);
    }

    /** {@code total} - t<sub>bc</sub> (y<sub>bc</sub> - log Z<sub>b</sub>) for c = 0, 1, ... in turn, skipping t<sub>bc</sub> = 0. */
    private static double minusRowTerms(double total, Tensor y, Tensor target, int b, int classes, double logZ) {
        for (int c = 0; c < classes; c++) {
            double t = targetAt(target, b, c, classes);
            if (t != 0) {
                total -= t * (y.get(b * classes + c) - logZ);
            }
        }
        return total;
    }

    @Override
    public Tensor gradient(Tensor y, Tensor target) {
        int batch = y.dim(0);
        int classes = y.dim(1);
        double[] g = new double[y.size()];
        for (int b = 0; b < batch; b++) {
            double max = rowMax(y, b, classes);
            double sumExp = 0;
            for (int c = 0; c < classes; c++) {
                g[b * classes + c] = Math.exp(y.get(b * classes + c) - max);
                sumExp += g[b * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                g[b * classes + c] = (g[b * classes + c] / sumExp - targetAt(target, b, c, classes)) / batch;
            }
        }
        return Tensor.wrap(g, y.shape());
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        if (outputShape.length != 2) {
            throw new IllegalArgumentException(TYPE + " needs logits [batch, classes], got output shape " + Arrays.toString(outputShape));
        }
        if (target.rank() == 1) {
            if (target.dim(0) != outputShape[0]) {
                throw new IllegalArgumentException(TYPE + " has " + target.dim(0) + " labels for a batch of " + outputShape[0]);
            }
            for (int i = 0; i < target.size(); i++) {
                double label = target.get(i);
                if (label != Math.rint(label) || label < 0 || label >= outputShape[1]) {
                    throw new IllegalArgumentException(TYPE + " label at index " + i + " is " + label
                            + ", expected an integer in [0, " + outputShape[1] + ")");
                }
            }
        } else {
            Targets.requireShape(TYPE, outputShape, target);
        }
    }

    private static double rowMax(Tensor y, int b, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, y.get(b * classes + c));
        }
        return max;
    }

    private static double targetAt(Tensor target, int b, int c, int classes) {
        if (target.rank() == 1) {
            return (int) target.get(b) == c ? 1.0 : 0.0;
        }
        return target.get(b * classes + c);
    }
}
