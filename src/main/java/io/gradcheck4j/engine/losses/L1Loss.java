package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.tensor.Tensor;

/**
 * Mean absolute error over all N elements: L = (1/N) &Sigma; |y<sub>i</sub> - t<sub>i</sub>|,
 * &part;L/&part;y<sub>i</sub> = sign(y<sub>i</sub> - t<sub>i</sub>) / N. |d| has a kink at d = 0, where the
 * subgradient 0 is used; {@link #branchPattern} reports sign(y - t) so checks can tell when a finite
 * difference straddles it.
 */
public final class L1Loss implements Loss {
    /** Type name. */
    public static final String TYPE = "l1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double value(Tensor y, Tensor target) {
        double total = 0;
        for (int i = 0; i < y.size(); i++) {
            total += Math.abs(y.get(i) - target.get(i));
        }
        return total / y.size();
    }

    @Override
    public Tensor gradient(Tensor y, Tensor target) {
        double[] g = new double[y.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.signum(y.get(i) - target.get(i)) / g.length;
        }
        return Tensor.wrap(g, y.shape());
    }

    @Override
    public int[] branchPattern(Tensor y, Tensor target) {
        int[] pattern = new int[y.size()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (int) Math.signum(y.get(i) - target.get(i));
        }
        return pattern;
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        Targets.requireShape(TYPE, outputShape, target);
    }
}
