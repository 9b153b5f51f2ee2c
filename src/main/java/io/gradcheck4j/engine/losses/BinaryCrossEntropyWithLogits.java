package io.gradcheck4j.engine.losses;

import io.gradcheck4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits z (sigmoid fused into the loss), averaged over all N elements:
 * L = (1/N) &Sigma;<sub>i</sub> [max(z<sub>i</sub>, 0) - z<sub>i</sub> t<sub>i</sub> + log(1 + e<sup>-|z<sub>i</sub>|</sup>)],
 * which equals -(1/N) &Sigma; [t log &sigma;(z) + (1 - t) log(1 - &sigma;(z))] but never overflows nor takes
 * log 0; &part;L/&part;z<sub>i</sub> = (&sigma;(z<sub>i</sub>) - t<sub>i</sub>) / N. Targets in [0, 1].
 */
public final class BinaryCrossEntropyWithLogits extends ElementwiseMeanLoss {
    /** Type name. */
    public static final String TYPE = "binary_cross_entropy_with_logits";

    /** The loss on logits, with targets in [0, 1]. */
    public BinaryCrossEntropyWithLogits() {
        super(TYPE, true);
    }

    @Override
    double term(Tensor y, int i, double t) {
        double z = y.get(i);
        return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    double partial(Tensor y, int i, double t, int n) {
        double z = y.get(i);
        double sigmoid = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        return (sigmoid - t) / n;
    }
}
