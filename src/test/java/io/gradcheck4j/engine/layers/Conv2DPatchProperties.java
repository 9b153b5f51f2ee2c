package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The convolution's incremental paths against full forward passes, bit for bit: {@link Conv2D#forwardPatch}
 * (a few changed input entries) equals forward(x2) and lists ascending, distinct indices covering every
 * entry that changed, also patch after patch of single entries over the same input (from the partial sums the
 * layer keeps for it); the parameter probe (one weight or bias entry, or several weight entries in turn) equals a
 * forward pass of the layer with that entry replaced, and leaves the layer as it was.
 */
@GradientProperties
class Conv2DPatchProperties {

    /** A random convolution, its input, and a few input entries with new values. */
    record Case(Conv2D layer, Tensor x, int[] changed, double[] values) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> geometry = Combinators.combine(List.of(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 2),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(3, 6), Arbitraries.integers().between(3, 6)))
                .as(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return geometry.flatMap(d -> {
            int batch = d[0], inC = d[1], outC = d[2], k = Math.min(d[3], Math.min(d[6], d[7])), stride = d[4], padding = d[5];
            int inputSize = batch * inC * d[6] * d[7];
            return Combinators.combine(Tensors.of(outC, inC, k, k), Tensors.of(outC), Tensors.of(batch, inC, d[6], d[7]),
                            Arbitraries.integers().between(0, inputSize - 1).set().ofMinSize(1).ofMaxSize(4),
                            Arbitraries.doubles().between(-3, 3).list().ofSize(4))
                    .as((w, b, x, where, v) -> new Case(new Conv2D(w, b, stride, padding), x,
                            new TreeSet<>(where).stream().mapToInt(Integer::intValue).toArray(),
                            v.stream().mapToDouble(Double::doubleValue).toArray()));
        });
    }

    @Property(seed = "20261202", tries = 100)
    void patchEqualsAForwardPassOfTheChangedInput(@ForAll("cases") Case c) {
        // GIVEN y = forward(x) and x2 = x with a few entries changed
        // WHEN the changes are patched into a copy of y
        // THEN it is forward(x2) bit for bit, and the written indices are ascending, distinct, and cover every change
        PatchAssertions.assertPatchEqualsForward(c.layer(), c.x(), c.changed(), c.values());
    }

    @Property(seed = "20261203", tries = 100)
    void probeEqualsAForwardPassWithTheEntryReplaced(@ForAll("cases") Case c, @ForAll boolean weight) {
        // GIVEN a weight or bias entry and a new value
        String param = weight ? Conv2D.WEIGHT : Conv2D.BIAS;
        int index = c.changed()[0] % c.layer().parameters().get(param).size();
        Tensor y = c.layer().forward(c.x());
        ParameterProbe probe = c.layer().probe(param, c.x(), y);
        // WHEN the probe writes the layer's output with that entry replaced, twice (into y's copy, and allocating)
        // THEN both are the forward pass of the layer with the entry replaced, bit for bit, the written indices
        // ascending and covering every change, and the layer is unchanged
        PatchAssertions.assertProbeEqualsForward(c.layer(), c.x(), y, probe, param, index, c.values()[0]);
        assertArrayEquals(y.toArray(), c.layer().forward(c.x()).toArray());
    }

    @Property(seed = "20261213", tries = 100)
    void singleChangesInTurnEqualForwardPasses(@ForAll("cases") Case c) {
        // GIVEN y = forward(x), the same layer patched several times over x (one changed entry each, from its kept partial sums)
        for (int k = 0; k < c.changed().length; k++) {
            // WHEN one entry at a time is changed and patched
            // THEN each patch is forward(x2) bit for bit, its written indices ascending, distinct, covering every change
            PatchAssertions.assertPatchEqualsForward(c.layer(), c.x(), new int[] {c.changed()[k]}, new double[] {c.values()[k]});
        }
    }

    @Property(seed = "20261214", tries = 100)
    void oneProbeOfSeveralWeightEntriesEqualsForwardPasses(@ForAll("cases") Case c) {
        // GIVEN one probe of the kernel, used for several entries in turn
        Tensor value = c.layer().parameters().get(Conv2D.WEIGHT);
        Tensor y = c.layer().forward(c.x());
        ParameterProbe probe = c.layer().probe(Conv2D.WEIGHT, c.x(), y);
        for (int k = 0; k < c.changed().length; k++) {
            int index = c.changed()[k] % value.size();
            // WHEN it writes the output with entry index replaced by a new value
            double[] into = y.toArray();
            probe.forwardWithInto(index, c.values()[k], into, new int[into.length]);
            // THEN that is the forward pass of the layer with the entry replaced, bit for bit
            double[] replaced = value.toArray();
            replaced[index] = c.values()[k];
            assertArrayEquals(c.layer().withParameters(Map.of(Conv2D.WEIGHT, Tensor.of(replaced, value.shape()))).forward(c.x()).toArray(), into);
        }
    }
}
