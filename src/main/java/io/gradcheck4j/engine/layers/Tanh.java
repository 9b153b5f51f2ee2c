package io.gradcheck4j.engine.layers;

/** y = tanh(x); tanh'(x) = 1 - y<sup>2</sup>. */
public final class Tanh extends Elementwise {
    /** Type name. */
    public static final String TYPE = "tanh";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return StrictTanh.tanh(x);
    }

    @Override
    protected double derivative(double x, double y) {
        return 1.0 - y * y;
    }
}
