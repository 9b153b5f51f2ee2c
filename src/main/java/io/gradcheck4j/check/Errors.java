package io.gradcheck4j.check;

/**
 * The error measure reports use to compare an analytic value a with a numeric or expected value n: CS231n's
 * relative error |a - n| / max(|a|, |n|), 0 when both are 0. It describes how far apart two values are; whether
 * an entry passes is the business of a {@link Tolerance}.
 */
public final class Errors {
    private Errors() {
    }

    /** CS231n's relative error |a - n| / max(|a|, |n|), 0 when both are 0 (NaN when either is NaN). */
    public static double relativeError(double a, double n) {
        double scale = Math.max(Math.abs(a), Math.abs(n));
        return scale == 0 ? 0 : Math.abs(a - n) / scale;
    }
}
