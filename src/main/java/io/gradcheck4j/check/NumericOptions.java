package io.gradcheck4j.check;

/**
 * The numeric settings of a finite-difference check: how each entry is differentiated and judged.
 *
 * <p>Each coordinate v is perturbed by h = {@code relativeStep} &middot; max(|v|, 1) (and by h/2 for the
 * Richardson estimate); the default {@link CheckOptions#DEFAULT_STEP} = 6.06e-6 &asymp;
 * &epsilon;<sub>machine</sub><sup>1/3</sup> balances the central difference's truncation error
 * h<sup>2</sup>|f'''|/6 against its round-off error &epsilon;|f|/h.
 *
 * @param relativeStep            step factor, finite and &gt; 0
 * @param tolerance               the acceptance rule
 * @param kinkRetryFactor         a stencil straddling a kink is retried once with h times this factor
 *                                (in [0, 1); 0 disables the retry)
 * @param nondeterminismTolerance the largest difference between two runs on the same values still treated
 *                                as deterministic, relative to max(1, |f|) (0 = bitwise equality, the default)
 * @param acceptInconclusive      whether entries the finite difference cannot resolve ({@code INCONCLUSIVE}) may
 *                                pass the check (default false: they make it not pass, CLI exit 3)
 */
public record NumericOptions(double relativeStep, Tolerance tolerance, double kinkRetryFactor,
                             double nondeterminismTolerance, boolean acceptInconclusive) {

    /** Validates the settings. */
    public NumericOptions {
        if (!(relativeStep > 0) || Double.isInfinite(relativeStep)) {
            throw new IllegalArgumentException("step must be a finite number > 0, got " + relativeStep);
        }
        if (tolerance == null) {
            throw new IllegalArgumentException("tolerance is required");
        }
        if (!(kinkRetryFactor >= 0 && kinkRetryFactor < 1)) {
            throw new IllegalArgumentException("kinkRetryFactor must be in [0, 1), got " + kinkRetryFactor);
        }
        if (!(nondeterminismTolerance >= 0)) {
            throw new IllegalArgumentException("nondeterminismTolerance must be >= 0, got " + nondeterminismTolerance);
        }
    }

    /** The default step, the error-aware rule, a retry at h / 100 at kinks, bitwise determinism, inconclusive not accepted. */
    public static NumericOptions defaults() {
        return new NumericOptions(CheckOptions.DEFAULT_STEP, Tolerance.errorAware(), CheckOptions.DEFAULT_KINK_RETRY, 0, false);
    }

    /** These settings with another step factor. */
    public NumericOptions withStep(double step) {
        return new NumericOptions(step, tolerance, kinkRetryFactor, nondeterminismTolerance, acceptInconclusive);
    }

    /** These settings with another acceptance rule. */
    public NumericOptions withTolerance(Tolerance rule) {
        return new NumericOptions(relativeStep, rule, kinkRetryFactor, nondeterminismTolerance, acceptInconclusive);
    }

    /** These settings with another kink retry factor (0 disables the retry). */
    public NumericOptions withKinkRetry(double factor) {
        return new NumericOptions(relativeStep, tolerance, factor, nondeterminismTolerance, acceptInconclusive);
    }

    /** These settings with another nondeterminism tolerance. */
    public NumericOptions withNondeterminismTolerance(double tol) {
        return new NumericOptions(relativeStep, tolerance, kinkRetryFactor, tol, acceptInconclusive);
    }

    /** These settings accepting (or not) entries the finite difference cannot resolve. */
    public NumericOptions withAcceptInconclusive(boolean accept) {
        return new NumericOptions(relativeStep, tolerance, kinkRetryFactor, nondeterminismTolerance, accept);
    }
}
