package io.gradcheck4j.properties;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/**
 * A random generator for code that draws its own data from a {@link RandomGenerator} (a layer type's
 * {@code samples}): it replays a drawn list of longs, then goes on with a {@link SplittableRandom} seeded with a
 * drawn long. jqwik shrinks the list (shorter, entries towards 0, so {@code nextInt(n)} towards 0 and
 * {@code nextDouble(lo, hi)} towards lo) and the seed, so a failure shrinks as far as the drawing code lets it.
 * Each instance is one stream: draw a fresh one per use ({@link #arbitrary()}).
 */
public final class ReplayedRandom implements RandomGenerator {
    private final long[] prefix;
    private final long tailSeed;
    private final SplittableRandom tail;
    private int next;

    private ReplayedRandom(List<Long> prefix, long tailSeed) {
        this.prefix = prefix.stream().mapToLong(Long::longValue).toArray();
        this.tailSeed = tailSeed;
        this.tail = new SplittableRandom(tailSeed);
    }

    /** Streams of up to 32 longs drawn uniformly, then a seeded generator. */
    public static Arbitrary<ReplayedRandom> arbitrary() {
        Arbitrary<Long> uniformLongs = Arbitraries.longs().withDistribution(RandomDistribution.uniform());
        return Combinators.combine(uniformLongs.list().ofMaxSize(32), uniformLongs).as(ReplayedRandom::new);
    }

    @Override
    public long nextLong() {
        return next < prefix.length ? prefix[next++] : tail.nextLong();
    }

    @Override
    public String toString() {
        return "ReplayedRandom" + Arrays.toString(prefix) + " then seed " + tailSeed;
    }
}
