package io.gradcheck4j.engine.layers;

/**
 * Leaky ReLU with negative slope s: y = x for x &gt; 0, s &middot; x for x &le; 0; y' = 1 for x &gt; 0,
 * s for x &le; 0. For s &ne; 1 there is a kink at 0, where the left derivative s is used (as PyTorch does).
 */
public final class LeakyReLU extends ScaledNegativePiece {
    /** Type name. */
    public static final String TYPE = "leaky_relu";
    /** Name of the slope option. */
    public static final String SLOPE = "slope";
    /** PyTorch's default negative slope. */
    public static final double DEFAULT_SLOPE = 0.01;

    /** Leaky ReLU with the given finite negative-side slope. */
    public LeakyReLU(double slope) {
        super(TYPE, SLOPE, slope);
    }

    /** The negative-side slope s. */
    public double slope() {
        return factor();
    }

    @Override
    protected double value(double x) {
        return x > 0 ? x : slope() * x;
    }

    @Override
    protected double derivative(double x, double y) {
        return x > 0 ? 1.0 : slope();
    }
}
