package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.fast.LossPatch;
import io.gradcheck4j.engine.fast.PatchableLoss;
import io.gradcheck4j.tensor.Tensor;

/**
 * A loss averaged over all N elements of a target shaped like the output:
 * L = (1/N) &Sigma;<sub>i</sub> &ell;(y<sub>i</sub>, t<sub>i</sub>), so
 * &part;L/&part;y<sub>i</sub> = (&part;&ell;/&part;y)(y<sub>i</sub>, t<sub>i</sub>) / N.
 *
 * <p>Patched ({@link PatchableLoss}): y's terms are kept, the changed entries' terms recomputed, and all of them
 * summed in index order as {@link #value} sums them.
 */
abstract class ElementwiseMeanLoss implements PatchableLoss {
    private final String type;
    private final boolean probabilityTargets;

    /** A loss named {@code type}; {@code probabilityTargets} also requires every target in [0, 1]. */
    ElementwiseMeanLoss(String type, boolean probabilityTargets) {
        this.type = type;
        this.probabilityTargets = probabilityTargets;
    }

    /** &ell;(y<sub>i</sub>, t) for the output element {@code i}. */
    abstract double term(Tensor y, int i, double t);

    /** &part;L/&part;y<sub>i</sub> at (y<sub>i</sub>, t) for N = {@code n} elements, the division by N included. */
    abstract double partial(Tensor y, int i, double t, int n);

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final double value(Tensor y, Tensor target) {
        double total = 0;
        for (int i = 0; i < y.size(); i++) {
            total += term(y, i, target.get(i));
        }
        return total / y.size();
    }

    @Override
    public final LossPatch at(Tensor y, Tensor target) {
        double[] terms = new double[y.size()];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = term(y, i, target.get(i));
        }
        return (y2, changed, count) -> {
            double total = 0;
            int next = 0;
            for (int i = 0; i < terms.length; i++) {
                if (next < count && changed[next] == i) {
                    next++;
                    total += term(y2, i, target.get(i));
                } else {
                    total += terms[i];
                }
            }
            return total / terms.length;
        };
    }

    @Override
    public final Tensor gradient(Tensor y, Tensor target) {
        double[] g = new double[y.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = partial(y, i, target.get(i), g.length);
        }
        return Tensor.wrap(g, y.shape());
    }

    @Override
    public final void validateTarget(int[] outputShape, Tensor target) {
        Targets.requireShape(type, outputShape, target);
        if (probabilityTargets) {
            Targets.requireProbabilities(type, target);
        }
    }
}
