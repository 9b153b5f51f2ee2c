package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.fast.LossPatch;
import io.gradcheck4j.engine.fast.PatchableLoss;
import io.gradcheck4j.tensor.Tensor;

/**
 * The sigmoid perceptron example's error E = 1/2 &Sigma; (y - t)<sup>2</sup> over all elements (not averaged); &part;E/&part;y = y - t.
 * Patched ({@link PatchableLoss}): the squares of y - t are kept, the changed entries' recomputed, and all summed
 * in index order as {@link Tensor#squaredDistance} sums them.
 */
public final class HalfSquaredError implements PatchableLoss {
    /** Type name. */
    public static final String TYPE = "half_squared_error";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double value(Tensor y, Tensor target) {
        return 0.5 * y.squaredDistance(target);
    }

    @Override
    public LossPatch at(Tensor y, Tensor target) {
        double[] squares = new double[y.size()];
        for (int i = 0; i < squares.length; i++) {
            double d = y.get(i) - target.get(i);
            squares[i] = d * d;
        }
        return (y2, changed, count) -> {
            double s = 0;
            int next = 0;
            for (int i = 0; i < squares.length; i++) {
                if (next < count && changed[next] == i) {
                    next++;
                    double d = y2.get(i) - target.get(i);
                    s += d * d;
                } else {
                    s += squares[i];
                }
            }
            return 0.5 * s;
        };
    }

    @Override
    public Tensor gradient(Tensor y, Tensor target) {
        return y.minus(target);
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        Targets.requireShape(TYPE, outputShape, target);
    }
}
