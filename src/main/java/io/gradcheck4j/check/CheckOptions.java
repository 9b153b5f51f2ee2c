package io.gradcheck4j.check;

/**
 * Settings of a finite-difference check, in three groups: {@link NumericOptions} (step, rule, kink retry,
 * nondeterminism tolerance, acceptance of inconclusive entries), the {@link Mode} (which entries are compared)
 * and {@link ExecutionOptions} (threads, thread safety of user code, seed), plus how many entries each tensor
 * report lists. Build them with {@link #builder()} (or {@link #toBuilder()}), or change one setting of
 * {@link #defaults()} with a {@code with*} method:
 * <pre>{@code
 * CheckOptions options = CheckOptions.builder()
 *         .numerics(NumericOptions.defaults().withTolerance(Tolerance.absRel(1e-5, 1e-3)))
 *         .mode(Mode.sampled(50))
 *         .execution(ExecutionOptions.defaults().withParallelism(1))
 *         .build();
 * }</pre>
 *
 * @param numerics            how each entry is differentiated and judged
 * @param mode                which entries are compared: {@link Mode.Full}, {@link Mode.Sampled} or {@link Mode.Fast}
 * @param execution           threads, thread safety and seed
 * @param mismatchesPerTensor how many failing (and how many non-differentiable) entries each tensor report lists in full, &ge; 0
 */
public record CheckOptions(NumericOptions numerics, Mode mode, ExecutionOptions execution, int mismatchesPerTensor) {
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

    /** Entries listed per tensor by default. */
    public static final int DEFAULT_MISMATCHES = 10;

    /** Validates the settings. */
    public CheckOptions {
        if (numerics == null || mode == null || execution == null) {
            throw new IllegalArgumentException("numerics, mode and execution are required");
        }
        if (mismatchesPerTensor < 0) {
            throw new IllegalArgumentException("mismatchesPerTensor must be >= 0, got " + mismatchesPerTensor);
        }
    }

    /** Full mode with the other settings at their defaults. */
    public CheckOptions(double relativeStep, Tolerance tolerance, int parallelism, int mismatchesPerTensor) {
        this(NumericOptions.defaults().withStep(relativeStep).withTolerance(tolerance), Mode.full(),
                ExecutionOptions.defaults().withParallelism(parallelism), mismatchesPerTensor);
    }

    /** Default step, the error-aware rule, full mode, all cores, {@value #DEFAULT_MISMATCHES} listed mismatches per tensor. */
    public static CheckOptions defaults() {
        return new CheckOptions(NumericOptions.defaults(), Mode.full(), ExecutionOptions.defaults(), DEFAULT_MISMATCHES);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The relative step factor ({@link NumericOptions#relativeStep()}). */
    public double relativeStep() {
        return numerics.relativeStep();
    }

    /** The acceptance rule ({@link NumericOptions#tolerance()}). */
    public Tolerance tolerance() {
        return numerics.tolerance();
    }

    /** The kink retry factor ({@link NumericOptions#kinkRetryFactor()}). */
    public double kinkRetryFactor() {
        return numerics.kinkRetryFactor();
    }

    /** The nondeterminism tolerance ({@link NumericOptions#nondeterminismTolerance()}). */
    public double nondeterminismTolerance() {
        return numerics.nondeterminismTolerance();
    }

    /** Whether inconclusive entries may pass ({@link NumericOptions#acceptInconclusive()}). */
    public boolean acceptInconclusive() {
        return numerics.acceptInconclusive();
    }

    /** Worker threads ({@link ExecutionOptions#parallelism()}). */
    public int parallelism() {
        return execution.parallelism();
    }

    /** Whether user code may be called concurrently ({@link ExecutionOptions#threadSafe()}). */
    public boolean threadSafe() {
        return execution.threadSafe();
    }

    /** The seed of the private generator ({@link ExecutionOptions#seed()}). */
    public long seed() {
        return execution.seed();
    }

    /** Entries per tensor in SAMPLED mode; {@value #DEFAULT_SAMPLES} in the other modes, which sample none. */
    public int samplesPerTensor() {
        return mode instanceof Mode.Sampled s ? s.perTensor() : DEFAULT_SAMPLES;
    }

    /** Random directions per tensor in FAST mode; {@value #DEFAULT_PROBES} in the other modes, which project on none. */
    public int probes() {
        return mode instanceof Mode.Fast f ? f.probes() : DEFAULT_PROBES;
    }

    /** These options with other numeric settings. */
    public CheckOptions withNumerics(NumericOptions settings) {
        return toBuilder().numerics(settings).build();
    }

    /** These options with other execution settings. */
    public CheckOptions withExecution(ExecutionOptions settings) {
        return toBuilder().execution(settings).build();
    }

    /** These options in another mode. */
    public CheckOptions withMode(Mode other) {
        return toBuilder().mode(other).build();
    }

    /** These options with another step factor. */
    public CheckOptions withStep(double step) {
        return withNumerics(numerics.withStep(step));
    }

    /** These options with another tolerance. */
    public CheckOptions withTolerance(Tolerance rule) {
        return withNumerics(numerics.withTolerance(rule));
    }

    /** These options with another thread count. */
    public CheckOptions withParallelism(int threads) {
        return withExecution(execution.withParallelism(threads));
    }

    /** These options listing up to {@code listed} failing (and as many non-differentiable) entries per tensor. */
    public CheckOptions withMismatchesPerTensor(int listed) {
        return toBuilder().mismatchesPerTensor(listed).build();
    }

    /** Full mode. */
    public CheckOptions full() {
        return withMode(Mode.full());
    }

    /** Sampled mode with {@code perTensor} entries per tensor. */
    public CheckOptions sampled(int perTensor) {
        return withMode(Mode.sampled(perTensor));
    }

    /** Fast (projection) mode with {@code directions} probes per tensor. */
    public CheckOptions fast(int directions) {
        return withMode(Mode.fast(directions));
    }

    /** These options with another seed for the private generator. */
    public CheckOptions withSeed(long newSeed) {
        return withExecution(execution.withSeed(newSeed));
    }

    /** These options with another kink retry factor (0 disables the retry). */
    public CheckOptions withKinkRetry(double factor) {
        return withNumerics(numerics.withKinkRetry(factor));
    }

    /** These options with another nondeterminism tolerance. */
    public CheckOptions withNondeterminismTolerance(double tol) {
        return withNumerics(numerics.withNondeterminismTolerance(tol));
    }

    /** These options declaring the checked user code thread-safe (or not). */
    public CheckOptions withThreadSafe(boolean safe) {
        return withExecution(execution.withThreadSafe(safe));
    }

    /** These options accepting (or not) entries the finite difference cannot resolve. */
    public CheckOptions withAcceptInconclusive(boolean accept) {
        return withNumerics(numerics.withAcceptInconclusive(accept));
    }

    /** Assembles {@link CheckOptions} group by group; {@link #build()} validates them. */
    public static final class Builder {
        private NumericOptions numerics;
        private Mode mode;
        private ExecutionOptions execution;
        private int mismatchesPerTensor;

        private Builder(CheckOptions from) {
            this.numerics = from.numerics;
            this.mode = from.mode;
            this.execution = from.execution;
            this.mismatchesPerTensor = from.mismatchesPerTensor;
        }

        /** The numeric settings. */
        public Builder numerics(NumericOptions settings) {
            this.numerics = settings;
            return this;
        }

        /** The mode. */
        public Builder mode(Mode checked) {
            this.mode = checked;
            return this;
        }

        /** The execution settings. */
        public Builder execution(ExecutionOptions settings) {
            this.execution = settings;
            return this;
        }

        /** How many failing (and non-differentiable) entries each tensor report lists. */
        public Builder mismatchesPerTensor(int listed) {
            this.mismatchesPerTensor = listed;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} naming the first invalid setting. */
        public CheckOptions build() {
            return new CheckOptions(numerics, mode, execution, mismatchesPerTensor);
        }
    }
}
