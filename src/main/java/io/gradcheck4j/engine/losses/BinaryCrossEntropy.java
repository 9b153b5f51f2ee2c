package io.gradcheck4j.engine.losses;

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
public final class BinaryCrossEntropy extends ElementwiseMeanLoss {
    /** Type name. */
    public static final String TYPE = "binary_cross_entropy";

    /** The loss on probabilities, with targets in [0, 1]. */
    public BinaryCrossEntropy() {
        super(TYPE, true);
    }

    @Override
    double term(Tensor y, int i, double t) {
        double p = probability(y, i);
        return -(t * Math.log(p) + (1 - t) * Math.log1p(-p));
    }

    @Override
    double partial(Tensor y, int i, double t, int n) {
        double p = probability(y, i);
        return (p - t) / (p * (1 - p)) / n;
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
