package io.gradcheck4j.check;

/**
 * The rule that accepts or rejects one entry: given the analytic value a, the numeric value n and the
 * estimated error e of n (truncation + round-off, see {@link NumericDerivative}), the largest |a - n|
 * still accepted.
 *
 * <p>Three rules ship: {@link #errorAware()} (the default, scaled by each entry's own error estimate),
 * PyTorch gradcheck's {@link #absRel} and DL4J GradientCheckUtil's {@link #dl4j}.
 */
public interface Tolerance {

    /** The largest accepted |a - n| for this entry, given the numeric error estimate e (NaN when unknown). */
    double allowed(double analytic, double numeric, double errorEstimate);

    /** A short description, e.g. {@code |a - n| <= 1e-05 + 1e-03 * |n|}. */
    String describe();

    /** The largest accepted |a - n| without an error estimate. */
    default double allowed(double analytic, double numeric) {
        return allowed(analytic, numeric, Double.NaN);
    }

    /** Whether the entry passes: |a - n| &le; allowed(a, n, e); NaN never passes. */
    default boolean accepts(double analytic, double numeric, double errorEstimate) {
        double diff = Math.abs(analytic - numeric);
        return diff <= allowed(analytic, numeric, errorEstimate);
    }

    /** Whether the entry passes without an error estimate. */
    default boolean accepts(double analytic, double numeric) {
        return accepts(analytic, numeric, Double.NaN);
    }

    /** PyTorch gradcheck's rule |a - n| &le; atol + rtol &middot; |n|. */
    static Tolerance absRel(double atol, double rtol) {
        return new AbsRelTolerance(atol, rtol);
    }

    /** PyTorch's defaults: atol = 1e-5, rtol = 1e-3. */
    static Tolerance pytorchDefault() {
        return absRel(1e-5, 1e-3);
    }

    /** DL4J's rule: fail iff |a - n| / (|a| + |n|) &gt; maxRelError and |a - n| &ge; minAbsError. */
    static Tolerance dl4j(double maxRelError, double minAbsError) {
        return new Dl4jTolerance(maxRelError, minAbsError);
    }

    /** DL4J's defaults: maxRelError = 1e-3, minAbsError = 1e-8. */
    static Tolerance dl4jDefault() {
        return dl4j(1e-3, 1e-8);
    }

    /** The error-aware rule |a - n| &le; k &middot; e + floor with its documented defaults. */
    static Tolerance errorAware() {
        return ErrorAwareTolerance.DEFAULT;
    }
}
