package io.gradcheck4j.check;

/**
 * Settings of a finite-difference check.
 *
 * <p>Each coordinate v is perturbed by h = {@code relativeStep} &middot; max(|v|, 1); the default
 * 6.06e-6 &asymp; &epsilon;<sub>machine</sub><sup>1/3</sup> balances the central difference's truncation
 * error h<sup>2</sup>|f'''|/6 against its round-off error &epsilon;|f|/h.
 *
 * @param relativeStep            step factor, &gt; 0
 * @param tolerance               the acceptance rule
 * @param parallelism             worker threads (1 = sequential); results do not depend on it
 * @param mismatchesPerTensor     how many failing entries each tensor report lists in full
 */
public record CheckOptions(double relativeStep, Tolerance tolerance, int parallelism, int mismatchesPerTensor) {
    /** &epsilon;<sup>1/3</sup> for doubles. */
    public static final double DEFAULT_STEP = Math.cbrt(Math.ulp(1.0));

    /** Validates the settings. */
    public CheckOptions {
        if (!(relativeStep > 0) || Double.isInfinite(relativeStep)) {
            throw new IllegalArgumentException("step must be a finite number > 0, got " + relativeStep);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        if (mismatchesPerTensor < 0) {
            throw new IllegalArgumentException("mismatchesPerTensor must be >= 0");
        }
    }

    /** Default step, PyTorch's tolerance, all cores, 10 listed mismatches per tensor. */
    public static CheckOptions defaults() {
        return new CheckOptions(DEFAULT_STEP, Tolerance.pytorchDefault(), Runtime.getRuntime().availableProcessors(), 10);
    }

    /** These options with another step factor. */
    public CheckOptions withStep(double step) {
        return new CheckOptions(step, tolerance, parallelism, mismatchesPerTensor);
    }

    /** These options with another tolerance. */
    public CheckOptions withTolerance(Tolerance rule) {
        return new CheckOptions(relativeStep, rule, parallelism, mismatchesPerTensor);
    }

    /** These options with another thread count. */
    public CheckOptions withParallelism(int threads) {
        return new CheckOptions(relativeStep, tolerance, threads, mismatchesPerTensor);
    }
}
