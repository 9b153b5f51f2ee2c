package io.gradcheck4j.engine.graph;

import io.gradcheck4j.engine.layers.Elementwise;

/** y = -x element-wise; y' = -1. A graph node through {@link LayerOp}. */
public final class Negate extends Elementwise {
    /** Type name. */
    public static final String TYPE = "negate";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return -x;
    }

    @Override
    protected double derivative(double x, double y) {
        return -1.0;
    }
}
