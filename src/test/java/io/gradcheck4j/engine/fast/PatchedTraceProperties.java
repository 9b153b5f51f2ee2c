package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Softmax;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The allocation-free path of a full check against the allocating one: carrying a few changed entries of an
 * activation through {@link PatchedTrace} gives, bit for bit, the activations of
 * {@link Incremental#trace}, also through a layer without a patch path (softmax: the rest falls back),
 * and {@link PatchedTrace#restore} leaves every buffer holding the base trace again.
 */
class PatchedTraceProperties {

    @Property(seed = "20261123", tries = 150)
    void patchedActivationsEqualTheIncrementalOnesAndAreRestored(@ForAll @IntRange(min = 1, max = 4) int batch,
                                                                 @ForAll @IntRange(min = 1, max = 24) int width,
                                                                 @ForAll @IntRange(min = 0, max = 3) int from,
                                                                 @ForAll @IntRange(min = 1, max = 6) int changes,
                                                                 @ForAll long seed) {
        // GIVEN affine -> sigmoid -> affine -> tanh -> affine -> relu -> softmax -> affine, and its base trace
        SplittableRandom random = new SplittableRandom(seed);
        Network network = Network.of(affine(random, width, width), new Sigmoid(), affine(random, width, width), new Tanh(),
                affine(random, width, width), new ReLU(), new Softmax(), affine(random, width, 3));
        Tensor x = RandomTensors.uniform(random, -2, 2, batch, width);
        Network.Trace base = network.trace(x);
        PatchedTrace patched = new PatchedTrace(network, base, from);
        for (int round = 0; round < 3; round++) {
            // WHEN a few entries of activation `from` change (ascending, some to the same value) and are carried on
            double[] changed = base.activations().get(from).toArray();
            int[] where = new java.util.TreeSet<>(random.ints(changes, 0, changed.length).boxed().toList())
                    .stream().mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < where.length; k++) {
                double value = random.nextBoolean() ? changed[where[k]] : random.nextDouble(-3, 3);
                changed[where[k]] = value;
                patched.first()[where[k]] = value;
                patched.firstWritten()[k] = where[k];
            }
            List<Tensor> expected = Incremental.trace(network, base, from, Tensor.of(changed, base.activations().get(from).shape())).activations();
            List<Tensor> actual = patched.propagate(where.length).stream().map(t -> Tensor.of(t.toArray(), t.shape())).toList();
            patched.restore();
            // THEN the activations are equal bit for bit
            assertEquals(expected, actual);
            // AND the buffers hold the base trace again
            assertArrayEquals(base.activations().get(from).toArray(), patched.first());
            PatchedTrace fresh = new PatchedTrace(network, base, from);
            assertEquals(fresh.propagate(0), patched.propagate(0));
            patched.restore();
        }
    }

    private static Affine affine(SplittableRandom random, int in, int out) {
        return new Affine(RandomTensors.uniform(random, -1, 1, in, out), RandomTensors.uniform(random, -1, 1, out));
    }
}
