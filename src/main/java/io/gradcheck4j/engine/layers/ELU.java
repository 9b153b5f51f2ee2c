package io.gradcheck4j.engine.layers;

/**
 * Exponential linear unit: y = x for x &gt; 0, &alpha;(e<sup>x</sup> - 1) for x &le; 0;
 * y' = 1 for x &gt; 0, &alpha; e<sup>x</sup> = y + &alpha; for x &le; 0.
 *
 * <p>The left derivative at 0 is &alpha; and the right one 1, so for &alpha; &ne; 1 there is a kink at 0
 * (where the left derivative &alpha; is used); for &alpha; = 1 the function is continuously differentiable.
 */
public final class ELU extends ScaledNegativePiece {
    /** Type name. */
    public static final String TYPE = "elu";
    /** Name of the alpha option. */
    public static final String ALPHA = "alpha";
    /** The usual default &alpha; = 1. */
    public static final double DEFAULT_ALPHA = 1.0;

    /** ELU with the given finite &alpha;. */
    public ELU(double alpha) {
        super(TYPE, ALPHA, alpha);
    }

    /** &alpha;. */
    public double alpha() {
        return factor();
    }

    @Override
    protected double value(double x) {
        return x > 0 ? x : alpha() * Math.expm1(x);
    }

    @Override
    protected double derivative(double x, double y) {
        return x > 0 ? 1.0 : alpha() * Math.exp(x);
    }
}
