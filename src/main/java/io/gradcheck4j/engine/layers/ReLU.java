package io.gradcheck4j.engine.layers;

/** y = max(0, x); y' = 1 for x &gt; 0, 0 for x &le; 0 (a kink at 0, where the subgradient 0 is used). */
public final class ReLU extends KinkAtZero {
    /** Type name. */
    public static final String TYPE = "relu";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return x > 0 ? x : 0.0;
    }

    @Override
    protected double derivative(double x, double y) {
        return x > 0 ? 1.0 : 0.0;
    }
}
