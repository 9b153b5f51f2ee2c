package io.gradcheck4j.engine.graph;

import io.gradcheck4j.engine.layers.Elementwise;

/** y = x<sup>2</sup> element-wise; y' = 2x. A graph node through {@link LayerOp}. */
public final class Square extends Elementwise {
    /** Type name. */
    public static final String TYPE = "square";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return x * x;
    }

    @Override
    protected double derivative(double x, double y) {
        return 2.0 * x;
    }
}
