package io.gradcheck4j.engine.losses;

import io.gradcheck4j.tensor.Tensor;

/**
 * Mean absolute error over all N elements: L = (1/N) &Sigma; |y<sub>i</sub> - t<sub>i</sub>|,
 * &part;L/&part;y<sub>i</sub> = sign(y<sub>i</sub> - t<sub>i</sub>) / N. |d| has a kink at d = 0, where the
 * subgradient 0 is used; {@link #branchPattern} reports sign(y - t) so checks can tell when a finite
 * difference straddles it.
 */
public final class L1Loss extends ElementwiseMeanLoss {
    /** Type name. */
    public static final String TYPE = "l1";

    /** The mean absolute error. */
    public L1Loss() {
        super(TYPE, false);
    }

    @Override
    double term(Tensor y, int i, double t) {
        return Math.abs(y.get(i) - t);
    }

    @Override
    double partial(Tensor y, int i, double t, int n) {
        return Math.signum(y.get(i) - t) / n;
    }

    @Override
    public int[] branchPattern(Tensor y, Tensor target) {
        int[] pattern = new int[y.size()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (int) Math.signum(y.get(i) - target.get(i));
        }
        return pattern;
    }
}
