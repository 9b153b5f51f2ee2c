package io.gradcheck4j.check;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The entries a SAMPLED check compares: the first and last entry, the entries of the largest and smallest
 * analytic value, then entries drawn uniformly from the tensor's private generator until min(n, samples per
 * tensor) distinct entries are chosen, in ascending order.
 */
final class SampledEntries {
    private SampledEntries() {
    }

    /**
     * The chosen flat entries, at most {@code samples}, of a tensor of analytic gradient {@code a}, the tensor's
     * index being {@code variableIndex}, its generator seeded by {@code seed}.
     */
    static int[] choose(Tensor a, int variableIndex, int samples, long seed) {
        int n = a.size();
        TreeSet<Integer> chosen = new TreeSet<>();
        if (n > 0) {
            int max = 0;
            int min = 0;
            for (int i = 1; i < n; i++) {
                max = a.get(i) > a.get(max) ? i : max;
                min = a.get(i) < a.get(min) ? i : min;
            }
            chosen.addAll(List.of(0, n - 1, max, min));
        }
        SplittableRandom random = generator(seed, variableIndex);
        int target = Math.min(n, Math.max(samples, 0));
        while (chosen.size() < target) {
            chosen.add(random.nextInt(n));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The private generator of variable {@code variableIndex}, seeded by the options. */
    static SplittableRandom generator(CheckOptions options, int variableIndex) {
        return generator(options.seed(), variableIndex);
    }

    private static SplittableRandom generator(long seed, int variableIndex) {
        return new SplittableRandom(seed + 0x632be59bd9b4e019L * (variableIndex + 1));
    }
}
