package io.gradcheck4j.check;

/**
 * A finite-difference derivative with its own error estimate.
 *
 * <p>From the central differences D(h) = (f(v + h) - f(v - h)) / 2h and D(h/2), with &Delta; = |D(h) - D(h/2)|
 * and r(s) the round-off of a difference of step s (each f value off by max(&epsilon;|f|, &sigma;), &epsilon; = 2.2e-16
 * and &sigma; the noise of f: measured near the point, or propagated from the rounding of the activations, whichever
 * is larger; divided by 2s), two candidates are weighed:
 * <ul>
 *   <li>the Richardson extrapolation D = D(h/2) + (D(h/2) - D(h)) / 3 (error O(h<sup>4</sup>)), estimated
 *       error &Delta;/3 (the h<sup>2</sup> error of D(h/2), an upper estimate) + (4 r(h/2) + r(h)) / 3;</li>
 *   <li>D(h) itself, estimated error 4&Delta;/3 + r(h), which wins where round-off dominates truncation
 *       (Richardson's weights triple the round-off).</li>
 * </ul>
 * The one with the smaller estimate is reported.
 *
 * @param value          the chosen derivative (Richardson or D(h))
 * @param coarse         D(h)
 * @param fine           D(h/2)
 * @param step           h, the (absolute) step of the coarse difference
 * @param truncationError the truncation estimate of the chosen value
 * @param roundoffError  the round-off estimate of the chosen value
 * @param kink           why the stencil is not differentiable (e.g. {@code layer 1 (relu) changes branch within the stencil}),
 *                       or null when it is
 * @param lower          at a kink, the smallest one-sided derivative seen (forward and backward differences
 *                       (f(v+s) - f(v))/s, (f(v) - f(v-s))/s at every step s of the stencils and their
 *                       extrapolations 2F(s/2) - F(s)); NaN where differentiable
 * @param upper          at a kink, the largest such one-sided derivative; NaN where differentiable
 * @param boundError     the round-off estimate of those one-sided derivatives; NaN where differentiable
 */
public record NumericDerivative(double value, double coarse, double fine, double step, double truncationError,
                                double roundoffError, String kink, double lower, double upper, double boundError) {

    /** A derivative without one-sided bounds (differentiable, or a kink not bracketed). */
    public NumericDerivative(double value, double coarse, double fine, double step, double truncationError,
                             double roundoffError, String kink) {
        this(value, coarse, fine, step, truncationError, roundoffError, kink, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Machine epsilon of double, the relative error assumed for each function value. */
    public static final double EPSILON = Math.ulp(1.0);

    /** truncation + round-off. */
    public double errorEstimate() {
        return truncationError + roundoffError;
    }

    /** These values with the one-sided bounds [lower, upper] and their round-off. */
    NumericDerivative bracketed(double lo, double hi, double error) {
        return new NumericDerivative(value, coarse, fine, step, truncationError, roundoffError, kink, lo, hi, error);
    }

    /** Whether no kink was detected. */
    public boolean differentiable() {
        return kink == null;
    }
}
