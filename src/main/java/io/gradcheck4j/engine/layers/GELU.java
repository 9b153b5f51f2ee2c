package io.gradcheck4j.engine.layers;

import org.apache.commons.math3.special.Erf;

/**
 * Gaussian error linear unit in its exact (erf) form: y = x &Phi;(x) with the standard normal CDF
 * &Phi;(x) = &frac12; erfc(-x / &radic;2) = &frac12;(1 + erf(x / &radic;2)).
 * Derivative: y' = &Phi;(x) + x &phi;(x) with the density &phi;(x) = e<sup>-x&sup2;/2</sup> / &radic;(2&pi;).
 *
 * <p>&Phi; is evaluated through commons-math3's {@code Erf.erfc}, which keeps full relative accuracy in
 * the far negative tail (where 1 + erf(x/&radic;2) would cancel to 0). Not the tanh approximation.
 */
public final class GELU extends Elementwise {
    /** Type name. */
    public static final String TYPE = "gelu";

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected double value(double x) {
        return x * cdf(x);
    }

    @Override
    protected double derivative(double x, double y) {
        return cdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** &Phi;(x) = &frac12; erfc(-x / &radic;2). */
    static double cdf(double x) {
        return 0.5 * Erf.erfc(-x * SQRT_HALF);
    }
}
