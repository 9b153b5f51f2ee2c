package io.gradcheck4j.check;

import io.gradcheck4j.report.CheckedMode;
import io.gradcheck4j.tensor.Tensor;

/**
 * Which entries a gradient check compares, each mode owning its plan: the entries of a tensor it compares one
 * by one ({@link #entries}), the random directions it projects each tensor on ({@link #probes}), and how its
 * report states it ({@link #checked}).
 * <ul>
 *   <li>{@link Full}: every coordinate of every tensor, 4 evaluations of f per entry (two central differences).</li>
 *   <li>{@link Sampled}: k coordinates per tensor, drawn with the options' seed from a private generator, always
 *       including the first and last entries and those with the largest and smallest analytic values
 *       ({@link SampledEntries}).</li>
 *   <li>{@link Fast}: random projections. Per tensor, p random unit directions u; the analytic directional derivative
 *       &lt;&part;f/&part;v, u&gt; from the one backward pass is compared with the central difference of f along u.
 *       O(p) evaluations whatever the tensor size; a failing tensor is re-checked entry by entry to name the wrong
 *       entries ({@link FastCheck}).</li>
 * </ul>
 */
public sealed interface Mode permits Mode.Full, Mode.Sampled, Mode.Fast {

    /** Every entry compared. */
    static Mode full() {
        return new Full();
    }

    /** {@code perTensor} entries per tensor compared (&ge; 1). */
    static Mode sampled(int perTensor) {
        return new Sampled(perTensor);
    }

    /** {@code probes} random directions per tensor (&ge; 1). */
    static Mode fast(int probes) {
        return new Fast(probes);
    }

    /**
     * The flat entries of one tensor compared one by one, in ascending order: those of {@code shard} (FULL), the
     * seeded sample (SAMPLED), none (FAST, which compares projections instead).
     *
     * @param analytic      the tensor's analytic gradient
     * @param variableIndex the tensor's position among the variables (it seeds the tensor's own generator)
     * @param seed          the options' seed
     * @param shard         the shard of a full check the checker compares
     * @param offset        the position of the tensor's first entry among all entries (for the shard)
     */
    int[] entries(Tensor analytic, int variableIndex, long seed, Shard shard, long offset);

    /** Random unit directions each tensor is projected on: p for FAST, 0 for the modes that compare entries. */
    int probes();

    /**
     * How a tensor report states the comparison of {@code compared} of its {@code size} entries one by one, e.g.
     * {@code full}, {@code sampled 20 of 600}.
     */
    String method(int compared, int size);

    /** How the report states a check in this mode whose private generator was seeded by {@code seed}. */
    CheckedMode checked(long seed);

    /** Every entry compared. */
    record Full() implements Mode {
        @Override
        public int[] entries(Tensor analytic, int variableIndex, long seed, Shard shard, long offset) {
            return shard.entries(offset, analytic.size());
        }

        @Override
        public int probes() {
            return 0;
        }

        /** {@code full}, whatever the shard. */
        @Override
        public String method(int compared, int size) {
            return "full";
        }

        /** {@code FULL}. */
        @Override
        public CheckedMode checked(long seed) {
            return CheckedMode.of(CheckedMode.Kind.FULL);
        }
    }

    /**
     * A seeded sample of entries per tensor (all of them when the tensor has no more).
     *
     * @param perTensor entries per tensor, &ge; 1
     */
    record Sampled(int perTensor) implements Mode {
        /** Validates the sample size. */
        public Sampled {
            if (perTensor < 1) {
                throw new IllegalArgumentException("samplesPerTensor must be >= 1, got " + perTensor);
            }
        }

        @Override
        public int[] entries(Tensor analytic, int variableIndex, long seed, Shard shard, long offset) {
            return SampledEntries.choose(analytic, variableIndex, perTensor, seed);
        }

        @Override
        public int probes() {
            return 0;
        }

        /** {@code full} when every entry was compared, else {@code sampled c of n}. */
        @Override
        public String method(int compared, int size) {
            return compared == size ? "full" : "sampled " + compared + " of " + size;
        }

        /** {@code SAMPLED (k per tensor, seed s)}. */
        @Override
        public CheckedMode checked(long seed) {
            return new CheckedMode(CheckedMode.Kind.SAMPLED, "SAMPLED (" + perTensor + " per tensor, seed " + seed + ")");
        }
    }

    /**
     * Random projections.
     *
     * @param probes random unit directions per tensor, &ge; 1
     */
    record Fast(int probes) implements Mode {
        /** Validates the number of directions. */
        public Fast {
            if (probes < 1) {
                throw new IllegalArgumentException("probes must be >= 1, got " + probes);
            }
        }

        @Override
        public int[] entries(Tensor analytic, int variableIndex, long seed, Shard shard, long offset) {
            return new int[0];
        }

        /** {@code fast: p probes}. */
        @Override
        public String method(int compared, int size) {
            return "fast: " + probes + " probes";
        }

        /** {@code FAST (p probes per tensor, seed s)}. */
        @Override
        public CheckedMode checked(long seed) {
            return new CheckedMode(CheckedMode.Kind.FAST, "FAST (" + probes + " probes per tensor, seed " + seed + ")");
        }
    }
}
