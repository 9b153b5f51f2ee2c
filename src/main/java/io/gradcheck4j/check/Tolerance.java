package io.gradcheck4j.check;

/**
 * The rule that accepts or rejects one entry: given the analytic value a and the numeric value n, the
 * largest |a - n| still accepted.
 */
public interface Tolerance {

    /** The largest accepted |a - n| for this entry. */
    double allowed(double analytic, double numeric);

    /** A short description, e.g. {@code |a - n| <= 1e-05 + 1e-03 * |n|}. */
    String describe();

    /** Whether the entry passes: |a - n| &le; allowed(a, n); NaN never passes. */
    default boolean accepts(double analytic, double numeric) {
        double diff = Math.abs(analytic - numeric);
        return diff <= allowed(analytic, numeric);
    }

    /** PyTorch gradcheck's rule |a - n| &le; atol + rtol &middot; |n|. */
    static Tolerance absRel(double atol, double rtol) {
        return new AbsRelTolerance(atol, rtol);
    }

    /** PyTorch's defaults: atol = 1e-5, rtol = 1e-3. */
    static Tolerance pytorchDefault() {
        return absRel(1e-5, 1e-3);
    }
}
