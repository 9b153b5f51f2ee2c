package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits z (sigmoid fused into the loss), averaged over all N elements:
 * L = (1/N) &Sigma;<sub>i</sub> [max(z<sub>i</sub>, 0) - z<sub>i</sub> t<sub>i</sub> + log(1 + e<sup>-|z<sub>i</sub>|</sup>)],
 * which equals -(1/N) &Sigma; [t log &sigma;(z) + (1 - t) log(1 - &sigma;(z))] but never overflows nor takes
 * log 0; &part;L/&part;z<sub>i</sub> = (&sigma;(z<sub>i</sub>) - t<sub>i</sub>) / N. Targets in [0, 1].
 */
public final class BinaryCrossEntropyWithLogits implements Loss {
    /** Type name. */
    public static final String TYPE = "binary_cross_entropy_with_logits";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double value(Tensor y, Tensor target) {
        double total = 0;
        for (int i = 0; i < y.size(); i++) {
            double z = y.get(i);
            total += Math.max(z, 0) - z * target.get(i) + Math.log1p(Math.exp(-Math.abs(z)));
        }
        return total / y.size();
    }

    @Override
    public Tensor gradient(Tensor y, Tensor target) {
        double[] g = new double[y.size()];
        for (int i = 0; i < g.length; i++) {
            double z = y.get(i);
            double sigmoid = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            g[i] = (sigmoid - target.get(i)) / g.length;
        }
        return Tensor.wrap(g, y.shape());
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        Targets.requireShape(TYPE, outputShape, target);
        Targets.requireProbabilities(TYPE, target);
    }
}
