package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * {@link Progress#entries()} counts the entries a check compares one by one: after a check of a network of a
 * 5 x 20 input, a 20 x 30 weight and 30 biases, done = total = 5 * 20 + 20 * 30 + 30 = 730 entries (FULL), the
 * shard's share of them, or the sample (SAMPLED); FAST plans none; and the check is no longer running however it ended.
 */
class ProgressTest {
    private static final int BATCH = 5;
    private static final int IN = 20;
    private static final int OUT = 30;
    private static final long ENTRIES = BATCH * IN + IN * OUT + OUT;

    /** Affine(IN -> OUT) then {@code last}, on a BATCH x IN input, seeded. */
    private static NetworkFunction network(Layer last) {
        SplittableRandom r = new SplittableRandom(11);
        return new NetworkFunction(Network.of(new Affine(RandomTensors.uniform(r, -1, 1, IN, OUT), RandomTensors.uniform(r, -1, 1, OUT)), last),
                RandomTensors.uniform(r, -1, 1, BATCH, IN), Objective.upstream(RandomTensors.uniform(r, -1, 1, BATCH, OUT)));
    }

    @Test
    void aFullCheckCountsEveryEntryOfEveryTensor() {
        // GIVEN the network of 730 entries and the default options (every core, chunks counted in parallel)
        // WHEN it is checked in full
        GradientChecker.withDefaults().check(network(new Tanh()));
        // THEN 730 of 730 entries are done and the check has ended
        assertEquals(new Progress.Entries(ENTRIES, ENTRIES, Progress.entries().started(), false), Progress.entries());
    }

    @Test
    void aShardCountsOnlyItsOwnEntries() {
        // GIVEN shard 2/3: the positions g in [0, 730) with g mod 3 = 1, i.e. 1, 4, ..., 727: (727 - 1) / 3 + 1 = 243 entries
        // WHEN the network is checked
        new GradientChecker(CheckOptions.defaults(), new Shard(2, 3)).check(network(new Tanh()));
        // THEN 243 of 243
        assertEquals(new Progress.Entries(243, 243, Progress.entries().started(), false), Progress.entries());
    }

    @Test
    void aSampledCheckCountsTheSample() {
        // GIVEN 5 samples per tensor, every tensor having at least 5 entries: 3 * 5 = 15 entries
        // WHEN the network is checked
        new GradientChecker(CheckOptions.defaults().sampled(5)).check(network(new Tanh()));
        // THEN 15 of 15
        assertEquals(new Progress.Entries(15, 15, Progress.entries().started(), false), Progress.entries());
    }

    @Test
    void aFastCheckPlansNoEntries() {
        // GIVEN a correct network, so that no probe fails and no tensor is re-checked entry by entry
        // WHEN it is checked with random projections
        new GradientChecker(CheckOptions.defaults().fast(3)).check(network(new Tanh()));
        // THEN 0 of 0: projections are not entries
        assertEquals(new Progress.Entries(0, 0, Progress.entries().started(), false), Progress.entries());
    }

    @Test
    void whileTheCheckRunsTheTotalIsKnownAndTheCountRises() {
        // GIVEN a tanh that records the counts each time it runs (forward passes of diagnostics and stencils)
        ConcurrentLinkedQueue<Progress.Entries> seen = new ConcurrentLinkedQueue<>();
        Tanh tanh = new Tanh();
        Layer recording = new Layer() {
            @Override
            public String type() {
                return "recording_tanh";
            }

            @Override
            public Tensor forward(Tensor x) {
                seen.add(Progress.entries());
                return tanh.forward(x);
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return tanh.backward(x, y, dy);
            }
        };
        // WHEN the network is checked in full, one thread
        new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(network(recording));
        // THEN during the comparisons it was running with 730 planned, the count starting at 0 and never falling
        List<Progress.Entries> running = seen.stream().filter(Progress.Entries::running).toList();
        assertTrue(running.stream().allMatch(e -> e.total() == ENTRIES && e.done() <= ENTRIES), running.toString());
        assertEquals(0, running.get(0).done());
        for (int k = 1; k < running.size(); k++) {
            assertTrue(running.get(k).done() >= running.get(k - 1).done(), running.toString());
        }
        assertTrue(running.get(running.size() - 1).done() > 0, running.toString());
    }

    @Test
    void aCheckThatThrowsHasEnded() {
        // GIVEN a layer whose backward throws
        Layer broken = new Layer() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                throw new IllegalStateException("no backward");
            }
        };
        // WHEN it is checked
        assertThrows(RuntimeException.class, () -> GradientChecker.withDefaults().check(network(broken)));
        // THEN the check is no longer running
        assertFalse(Progress.entries().running());
    }
}
