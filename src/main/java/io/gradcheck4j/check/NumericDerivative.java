package io.gradcheck4j.check;

/**
 * A finite-difference derivative with its own error estimate.
 *
 * <p>With the central differences D(h) = (f(v + h) - f(v - h)) / 2h and D(h/2), the reported value is the
 * Richardson extrapolation D = D(h/2) + (D(h/2) - D(h)) / 3 (error O(h<sup>4</sup>) instead of
 * O(h<sup>2</sup>)). Its error is estimated as
 * <ul>
 *   <li>truncation: |D(h) - D(h/2)| / 3 (the h<sup>2</sup> error of D(h/2), an upper estimate for D), and</li>
 *   <li>round-off: &epsilon; &middot; (4 (|f(v+h/2)| + |f(v-h/2)|) / h + (|f(v+h)| + |f(v-h)|) / 2h) / 3, each
 *       f value being off by about one ulp, &epsilon; = 2.2e-16, propagated through the Richardson weights.</li>
 * </ul>
 *
 * @param value          the Richardson-extrapolated derivative D
 * @param coarse         D(h)
 * @param fine           D(h/2)
 * @param step           h, the (absolute) step of the coarse difference
 * @param truncationError |D(h) - D(h/2)| / 3
 * @param roundoffError  the round-off estimate
 * @param kink           why the stencil is not differentiable (e.g. {@code layer 1 (relu) changes branch}),
 *                       or null when it is
 */
public record NumericDerivative(double value, double coarse, double fine, double step, double truncationError,
                                double roundoffError, String kink) {

    /** Machine epsilon of double, the relative error assumed for each function value. */
    public static final double EPSILON = Math.ulp(1.0);

    /** truncation + round-off. */
    public double errorEstimate() {
        return truncationError + roundoffError;
    }

    /** Whether no kink was detected. */
    public boolean differentiable() {
        return kink == null;
    }
}
