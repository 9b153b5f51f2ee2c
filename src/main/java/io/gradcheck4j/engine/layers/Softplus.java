package io.gradcheck4j.engine.layers;

/**
 * Softplus: y = log(1 + e<sup>x</sup>), evaluated as max(x, 0) + log1p(e<sup>-|x|</sup>) so that it
 * neither overflows for large x nor loses precision for very negative x. Derivative: the sigmoid,
 * y' = 1 / (1 + e<sup>-x</sup>).
 */
public final class Softplus extends Elementwise {
    /** Type name. */
    public static final String TYPE = "softplus";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    protected double derivative(double x, double y) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }
}
