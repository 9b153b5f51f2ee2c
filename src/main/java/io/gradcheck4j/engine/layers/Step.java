package io.gradcheck4j.engine.layers;

/**
 * The step activation of the AND-gate perceptron example: y = 0 for x &le; 0, 1 for x &gt; 0. Its derivative
 * is 0 almost everywhere and undefined at the kink x = 0; backward passes 0.
 */
public final class Step extends KinkAtZero {
    /** Type name. */
    public static final String TYPE = "step";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return x > 0 ? 1.0 : 0.0;
    }

    @Override
    protected double derivative(double x, double y) {
        return 0.0;
    }
}
