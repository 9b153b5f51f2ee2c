package io.gradcheck4j.engine.graph;

import io.gradcheck4j.engine.layers.Elementwise;

/** y = ln x element-wise (x &gt; 0); y' = 1/x. A graph node through {@link LayerOp}. */
public final class Log extends Elementwise {
    /** Type name. */
    public static final String TYPE = "log";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return Math.log(x);
    }

    @Override
    protected double derivative(double x, double y) {
        return 1.0 / x;
    }
}
