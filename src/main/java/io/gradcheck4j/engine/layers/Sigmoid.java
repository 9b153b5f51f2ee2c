package io.gradcheck4j.engine.layers;

/** y = &sigma;(x) = 1 / (1 + e<sup>-x</sup>); &sigma;'(x) = y (1 - y) (as in the sigmoid perceptron example). */
public final class Sigmoid extends Elementwise {
    /** Type name. */
    public static final String TYPE = "sigmoid";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    @Override
    protected double derivative(double x, double y) {
        return y * (1.0 - y);
    }
}
