package io.gradcheck4j.check;

/**
 * How a check runs: none of these settings changes a verdict or a value of the report but the random choices
 * the seed makes (SAMPLED entries, FAST directions).
 *
 * @param parallelism worker threads, &ge; 1 (1 = sequential); results do not depend on it
 * @param threadSafe  whether the checked user code may be called from several threads at once (false by
 *                    default: it is evaluated on one thread)
 * @param seed        seed of the checker's private generator (SAMPLED entries, FAST directions)
 */
public record ExecutionOptions(int parallelism, boolean threadSafe, long seed) {

    /** Validates the thread count. */
    public ExecutionOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    /** All cores, user code not declared thread-safe, {@link CheckOptions#DEFAULT_SEED}. */
    public static ExecutionOptions defaults() {
        return new ExecutionOptions(Runtime.getRuntime().availableProcessors(), false, CheckOptions.DEFAULT_SEED);
    }

    /** These settings with another thread count. */
    public ExecutionOptions withParallelism(int threads) {
        return new ExecutionOptions(threads, threadSafe, seed);
    }

    /** These settings declaring the checked user code thread-safe (or not). */
    public ExecutionOptions withThreadSafe(boolean safe) {
        return new ExecutionOptions(parallelism, safe, seed);
    }

    /** These settings with another seed for the private generator. */
    public ExecutionOptions withSeed(long newSeed) {
        return new ExecutionOptions(parallelism, threadSafe, newSeed);
    }
}
