package io.gradcheck4j.engine.graph;

import io.gradcheck4j.engine.layers.Elementwise;

/**
 * y = x<sup>p</sup> element-wise for a fixed exponent p; y' = p x<sup>p-1</sup> for p &ne; 0 and y' = 0 for
 * p = 0 (x<sup>0</sup> = 1 is constant, also at x = 0, where p x<sup>p-1</sup> would be 0 &middot; &infin; = NaN).
 * p is part of the op, not an argument, so it gets no gradient. A graph node through {@link LayerOp}.
 */
public final class Power extends Elementwise {
    /** Type name. */
    public static final String TYPE = "power";

    private final double exponent;

    /** x<sup>exponent</sup>. */
    public Power(double exponent) {
        this.exponent = exponent;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return Math.pow(x, exponent);
    }

    @Override
    protected double derivative(double x, double y) {
        return exponent == 0 ? 0 : exponent * Math.pow(x, exponent - 1.0);
    }
}
