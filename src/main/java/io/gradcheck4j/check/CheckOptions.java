package io.gradcheck4j.check;

/**
 * Settings of a finite-difference check.
 *
 * <p>Each coordinate v is perturbed by h = {@code relativeStep} &middot; max(|v|, 1) (and by h/2 for the
 * Richardson estimate); the default 6.06e-6 &asymp; &epsilon;<sub>machine</sub><sup>1/3</sup> balances the
 * central difference's truncation error h<sup>2</sup>|f'''|/6 against its round-off error &epsilon;|f|/h.
 *
 * @param relativeStep            step factor, &gt; 0
 * @param tolerance               the acceptance rule
 * @param parallelism             worker threads (1 = sequential); results do not depend on it
 * @param mismatchesPerTensor     how many failing (and how many non-differentiable) entries each tensor report lists in full
 * @param mode                    which entries are compared: FULL, SAMPLED or FAST
 * @param samplesPerTensor        entries per tensor in SAMPLED mode, &ge; 1
 * @param probes                  random directions per tensor in FAST mode, &ge; 1
 * @param seed                    seed of the checker's private generator (SAMPLED entries, FAST directions)
 * @param kinkRetryFactor         a stencil straddling a kink is retried once with h times this factor
 *                                (in (0, 1); 0 disables the retry)
 * @param nondeterminismTolerance the largest difference between two runs on the same values still treated
 *                                as deterministic (0 = bitwise equality, the default)
 * @param threadSafe              whether the checked user code may be called from several threads at once
 *                                (false by default: it is evaluated on one thread)
 * @param acceptInconclusive      whether entries the finite difference cannot resolve ({@code INCONCLUSIVE}) may
 *                                pass the check (default false: they make it not pass, CLI exit 3)
 */
public record CheckOptions(double relativeStep, Tolerance tolerance, int parallelism, int mismatchesPerTensor,
                           Mode mode, int samplesPerTensor, int probes, long seed, double kinkRetryFactor,
                           double nondeterminismTolerance, boolean threadSafe, boolean acceptInconclusive) {
    /** &epsilon;<sup>1/3</sup> for doubles. */
    public static final double DEFAULT_STEP = Math.cbrt(Math.ulp(1.0));
    /** Entries per tensor in SAMPLED mode by default. */
    public static final int DEFAULT_SAMPLES = 20;
    /**
     * Directions per tensor in FAST mode by default. A random direction u misses a wrong gradient only when
     * |&lt;error, u&gt;| falls below the bound. Measured over the 16 mutants of {@code io.gradcheck4j.mutants.Mutants}
     * (sign flips, missing transposes, sigmoid(a) for sigmoid'(a), forgotten or wrongly reduced bias gradients,
     * wrong loss normalisations, ...) on 1,000 random networks each (see {@code FastModeDetectionTest}): FULL
     * mode flagged 15,890 cases, and a single probe flagged every one of them whose probe was differentiable and
     * whose FULL failure was clear (15,852; a one-probe miss rate below 3e-3 per mutant at 95% confidence, so
     * below 3e-8 for 3 independent probes, comfortably past the required detection probability of 0.999); with
     * 3 probes no correct twin was flagged. The rest: one borderline case (|a - n| = 1.13e-10 against a bound of
     * 1.00e-10) and 37 with a ReLU pre-activation placed on or next to its kink, where the probe is
     * non-differentiable; FAST then re-checks that tensor entry by entry, so its other entries are still
     * compared and the kinked ones reported.
     */
    public static final int DEFAULT_PROBES = 3;
    /** Default seed of the private generator. */
    public static final long DEFAULT_SEED = 0x9e3779b97f4a7c15L;
    /** A kinked stencil is retried with h / 100 by default. */
    public static final double DEFAULT_KINK_RETRY = 1e-2;

    /** Validates the settings. */
    public CheckOptions {
        if (!(relativeStep > 0) || Double.isInfinite(relativeStep)) {
            throw new IllegalArgumentException("step must be a finite number > 0, got " + relativeStep);
        }
        if (tolerance == null || mode == null) {
            throw new IllegalArgumentException("tolerance and mode are required");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        if (mismatchesPerTensor < 0) {
            throw new IllegalArgumentException("mismatchesPerTensor must be >= 0");
        }
        if (samplesPerTensor < 1 || probes < 1) {
            throw new IllegalArgumentException("samplesPerTensor and probes must be >= 1, got " + samplesPerTensor + ", " + probes);
        }
        if (!(kinkRetryFactor >= 0 && kinkRetryFactor < 1)) {
            throw new IllegalArgumentException("kinkRetryFactor must be in [0, 1), got " + kinkRetryFactor);
        }
        if (!(nondeterminismTolerance >= 0)) {
            throw new IllegalArgumentException("nondeterminismTolerance must be >= 0, got " + nondeterminismTolerance);
        }
    }

    /** These settings for user code that is not declared thread-safe, inconclusive entries not accepted. */
    public CheckOptions(double relativeStep, Tolerance tolerance, int parallelism, int mismatchesPerTensor, Mode mode,
                        int samplesPerTensor, int probes, long seed, double kinkRetryFactor, double nondeterminismTolerance) {
        this(relativeStep, tolerance, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, kinkRetryFactor,
                nondeterminismTolerance, false, false);
    }

    /** Full mode with the other settings at their defaults. */
    public CheckOptions(double relativeStep, Tolerance tolerance, int parallelism, int mismatchesPerTensor) {
        this(relativeStep, tolerance, parallelism, mismatchesPerTensor, Mode.FULL, DEFAULT_SAMPLES, DEFAULT_PROBES,
                DEFAULT_SEED, DEFAULT_KINK_RETRY, 0, false, false);
    }

    /** Default step, the error-aware rule, full mode, all cores, 10 listed mismatches per tensor. */
    public static CheckOptions defaults() {
        return new CheckOptions(DEFAULT_STEP, Tolerance.errorAware(), Runtime.getRuntime().availableProcessors(), 10);
    }

    /** These options with another step factor. */
    public CheckOptions withStep(double step) {
        return new CheckOptions(step, tolerance, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** These options with another tolerance. */
    public CheckOptions withTolerance(Tolerance rule) {
        return new CheckOptions(relativeStep, rule, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** These options with another thread count. */
    public CheckOptions withParallelism(int threads) {
        return new CheckOptions(relativeStep, tolerance, threads, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** These options listing up to {@code listed} failing (and as many non-differentiable) entries per tensor. */
    public CheckOptions withMismatchesPerTensor(int listed) {
        return new CheckOptions(relativeStep, tolerance, parallelism, listed, mode, samplesPerTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** Full mode. */
    public CheckOptions full() {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, Mode.FULL, samplesPerTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** Sampled mode with {@code perTensor} entries per tensor. */
    public CheckOptions sampled(int perTensor) {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, Mode.SAMPLED, perTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** Fast (projection) mode with {@code directions} probes per tensor. */
    public CheckOptions fast(int directions) {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, Mode.FAST, samplesPerTensor, directions, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** These options with another seed for the private generator. */
    public CheckOptions withSeed(long newSeed) {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, newSeed, kinkRetryFactor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** These options with another kink retry factor (0 disables the retry). */
    public CheckOptions withKinkRetry(double factor) {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, factor, nondeterminismTolerance, threadSafe, acceptInconclusive);
    }

    /** These options with another nondeterminism tolerance. */
    public CheckOptions withNondeterminismTolerance(double tol) {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, kinkRetryFactor, tol, threadSafe, acceptInconclusive);
    }

    /** These options declaring the checked user code thread-safe (or not). */
    public CheckOptions withThreadSafe(boolean safe) {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, safe, acceptInconclusive);
    }

    /** These options accepting (or not) entries the finite difference cannot resolve. */
    public CheckOptions withAcceptInconclusive(boolean accept) {
        return new CheckOptions(relativeStep, tolerance, parallelism, mismatchesPerTensor, mode, samplesPerTensor, probes, seed, kinkRetryFactor, nondeterminismTolerance, threadSafe, accept);
    }
}
