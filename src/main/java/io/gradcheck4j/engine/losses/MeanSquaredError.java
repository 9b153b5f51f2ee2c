package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.tensor.Tensor;

/** L = (1/N) &Sigma; (y - t)<sup>2</sup> over all N elements; &part;L/&part;y = 2 (y - t) / N. */
public final class MeanSquaredError implements Loss {
    /** Type name. */
    public static final String TYPE = "mse";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double value(Tensor y, Tensor target) {
        Tensor d = y.minus(target);
        return d.dot(d) / y.size();
    }

    @Override
    public Tensor gradient(Tensor y, Tensor target) {
        return y.minus(target).scale(2.0 / y.size());
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        Targets.requireShape(TYPE, outputShape, target);
    }
}
