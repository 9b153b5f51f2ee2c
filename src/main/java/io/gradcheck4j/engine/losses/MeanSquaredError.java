package io.gradcheck4j.engine.losses;

import io.gradcheck4j.tensor.Tensor;

/** L = (1/N) &Sigma; (y - t)<sup>2</sup> over all N elements; &part;L/&part;y = 2 (y - t) / N. */
public final class MeanSquaredError extends ElementwiseMeanLoss {
    /** Type name. */
    public static final String TYPE = "mse";

    /** The mean squared error. */
    public MeanSquaredError() {
        super(TYPE, false);
    }

    @Override
    double term(Tensor y, int i, double t) {
        double d = y.get(i) - t;
        return d * d;
    }

    @Override
    double partial(Tensor y, int i, double t, int n) {
        return (y.get(i) - t) * (2.0 / n);
    }
}
