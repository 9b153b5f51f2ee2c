package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities p (e.g. sigmoid outputs), averaged over all N elements:
 * L = -(1/N) &Sigma;<sub>i</sub> [t<sub>i</sub> log p<sub>i</sub> + (1 - t<sub>i</sub>) log(1 - p<sub>i</sub>)],
 * &part;L/&part;p<sub>i</sub> = (p<sub>i</sub> - t<sub>i</sub>) / (p<sub>i</sub>(1 - p<sub>i</sub>)) / N.
 *
 * <p>No clipping: clipping p into [&epsilon;, 1 - &epsilon;] (as some frameworks do) would make the loss flat
 * there and its gradient disagree with the formula. Instead every p must lie strictly inside (0, 1), and an
 * output at or outside the bounds is rejected with an error naming its index. Targets may be soft, in [0, 1].
 * For logits, {@link BinaryCrossEntropyWithLogits} is the numerically stable variant.
 */
public final class BinaryCrossEntropy implements Loss {
    /** Type name. */
    public static final String TYPE = "binary_cross_entropy";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double value(Tensor y, Tensor target) {
        double total = 0;
        for (int i = 0; i < y.size(); i++) {
            double p = probability(y, i);
            double t = target.get(i);
            total -= t * Math.log(p) + (1 - t) * Math.log1p(-p);
        }
        return total / y.size();
    }

    @Override
    public Tensor gradient(Tensor y, Tensor target) {
        double[] g = new double[y.size()];
        for (int i = 0; i < g.length; i++) {
            double p = probability(y, i);
            g[i] = (p - target.get(i)) / (p * (1 - p)) / g.length;
        }
        return Tensor.wrap(g, y.shape());
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        Targets.requireShape(TYPE, outputShape, target);
        Targets.requireProbabilities(TYPE, target);
    }

    private static double probability(Tensor y, int i) {
        double p = y.get(i);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException(TYPE + " needs probabilities strictly inside (0, 1), got " + p + " at output index "
                    + y.formatIndex(i) + " (use " + BinaryCrossEntropyWithLogits.TYPE + " on logits)");
        }
        return p;
    }
}
