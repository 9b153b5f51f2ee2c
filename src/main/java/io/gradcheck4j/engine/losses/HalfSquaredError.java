package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.tensor.Tensor;

/** The sigmoid perceptron example's error E = 1/2 &Sigma; (y - t)<sup>2</sup> over all elements (not averaged); &part;E/&part;y = y - t. */
public final class HalfSquaredError implements Loss {
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
    public Tensor gradient(Tensor y, Tensor target) {
        return y.minus(target);
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        Targets.requireShape(TYPE, outputShape, target);
    }
}
