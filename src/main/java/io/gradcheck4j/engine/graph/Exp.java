package io.gradcheck4j.engine.graph;

import io.gradcheck4j.engine.layers.Elementwise;

/** y = e<sup>x</sup> element-wise; y' = e<sup>x</sup> = y. A graph node through {@link LayerOp}. */
public final class Exp extends Elementwise {
    /** Type name. */
    public static final String TYPE = "exp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return Math.exp(x);
    }

    @Override
    protected double derivative(double x, double y) {
        return y;
    }
}
