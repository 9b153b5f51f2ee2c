package io.gradcheck4j.check;

/**
 * The error-aware rule, the default: an entry fails only when
 * <pre>|a - n| &gt; k &middot; e + absFloor + relFloor &middot; max(|a|, |n|)</pre>
 * where e is the numeric derivative's own error estimate ({@link NumericDerivative#errorEstimate()}:
 * a truncation estimate from |D(h) - D(h/2)| plus the round-off estimate of its stencil).
 *
 * <p>Why it is the default: a fixed atol/rtol (PyTorch 1e-5 / 1e-3, DL4J 1e-3 relative) is at once too
 * loose where the numeric derivative is accurate to 1e-10 (a gradient off by 1e-4 passes) and too tight
 * where it cannot be accurate (large |f|, float32 noise, steep curvature: false failures). Scaling the bound
 * by the measured error of each entry makes the test as sharp as the arithmetic allows and no sharper.
 *
 * <p>Defaults ({@link #DEFAULT}): k = 10, because the estimate is an order-of-magnitude model (the
 * round-off part assumes each f value is off by about one ulp, the truncation part assumes the h<sup>2</sup>
 * term dominates), and a factor 10 covers functions whose value accumulates several roundings;
 * absFloor = 1e-10 and relFloor = 1e-7 cover the analytic side's own rounding (sums of many products in
 * the backward pass), which the numeric estimate cannot see. 1e-7 is CS231n's "relative error below 1e-7:
 * good" threshold, still 10<sup>4</sup> times tighter than PyTorch's rtol. Measured over every entry of
 * 3,000 random correct smooth networks (1-3 affine + sigmoid/tanh/identity blocks, four objectives, FULL
 * mode): the largest |a - n| / bound was 0.10 (0.44 without the floors), while every mutant of the test
 * catalog exceeds the bound (see {@code ErrorAwareProperties}). The round-off part uses the noise of f
 * measured near the point when it exceeds one ulp (functions that cancel internally, such as a
 * binary cross-entropy of saturated sigmoids, are 10-100x noisier than &epsilon;|f|).
 *
 * @param k        multiple of the error estimate, &ge; 0
 * @param absFloor absolute floor, &ge; 0
 * @param relFloor relative floor, &ge; 0
 */
public record ErrorAwareTolerance(double k, double absFloor, double relFloor) implements Tolerance {
    /** k = 10, absFloor = 1e-10, relFloor = 1e-7. */
    public static final ErrorAwareTolerance DEFAULT = new ErrorAwareTolerance(10, 1e-10, 1e-7);

    /** Validates that every part is finite and non-negative. */
    public ErrorAwareTolerance {
        for (double part : new double[] {k, absFloor, relFloor}) {
            if (!(part >= 0) || Double.isInfinite(part)) {
                throw new IllegalArgumentException("k, absFloor and relFloor must be finite and >= 0, got "
                        + k + ", " + absFloor + ", " + relFloor);
            }
        }
    }

    /** k &middot; e + absFloor + relFloor &middot; max(|a|, |n|); an unknown (NaN) estimate counts as 0. */
    @Override
    public double allowed(double analytic, double numeric, double errorEstimate) {
        double e = Double.isNaN(errorEstimate) ? 0 : errorEstimate;
        return k * e + absFloor + relFloor * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    @Override
    public String describe() {
        return "|a - n| <= " + k + " * estimate + " + absFloor + " + " + relFloor + " * max(|a|, |n|)";
    }
}
