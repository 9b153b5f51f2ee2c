package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The incremental paths of max pooling, batch norm and layer norm against full forward passes, bit for bit:
 * the patch of a few changed input entries equals forward(x2) and lists ascending, distinct indices covering
 * every entry that changed (for max pooling also on inputs of few distinct values, where windows tie and the
 * changed value often ties too); a norm's &gamma; or &beta; probe equals a forward pass of the layer with that
 * entry replaced, in both of its forms.
 */
@GradientProperties
class PoolNormPatchProperties {

    /** A layer, its input, and a few input entries with new values. */
    record Case(FastLayer layer, Tensor x, int[] changed, double[] values) {
    }

    @Provide
    Arbitrary<Case> maxPools() {
        Arbitrary<int[]> geometry = Combinators.combine(List.of(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(3, 7),
                        Arbitraries.integers().between(3, 7), Arbitraries.integers().between(0, 1)))
                .as(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return geometry.flatMap(d -> {
            boolean ties = d[6] == 1;
            int size = d[0] * d[1] * d[4] * d[5];
            Arbitrary<Tensor> x = ties ? Tensors.of(d[0], d[1], d[4], d[5]).between(-1, 1).decimals(0) : Tensors.of(d[0], d[1], d[4], d[5]);
            Arbitrary<Double> value = ties ? Arbitraries.integers().between(-1, 1).map(Integer::doubleValue) : Arbitraries.doubles().between(-3, 3);
            return cases(new MaxPool2D(d[2], d[3]), x, size, value);
        });
    }

    @Provide
    Arbitrary<Case> norms() {
        Arbitrary<int[]> shape = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 5))
                .as((rank, lead, width) -> rank == 1 ? new int[] {width} : rank == 2 ? new int[] {lead, width} : new int[] {lead, 2, width});
        return Combinators.combine(shape, Arbitraries.of(true, false)).flatAs((s, batch) -> {
            int[] x = batch && s.length != 2 ? new int[] {s[0], s[s.length - 1]} : s;
            int width = x[x.length - 1];
            return Combinators.combine(Tensors.of(width).between(0.5, 1.5), Tensors.of(width)).flatAs((gamma, beta) -> {
                FastLayer layer = batch ? new BatchNorm(gamma, beta, BatchNorm.DEFAULT_EPSILON) : new LayerNorm(gamma, beta, LayerNorm.DEFAULT_EPSILON);
                return cases(layer, Tensors.of(x), Tensor.sizeOf(x), Arbitraries.doubles().between(-3, 3));
            });
        });
    }

    private static Arbitrary<Case> cases(FastLayer layer, Arbitrary<Tensor> x, int size, Arbitrary<Double> value) {
        return Combinators.combine(x, Arbitraries.integers().between(0, size - 1).set().ofMinSize(1).ofMaxSize(4), value.list().ofSize(4))
                .as((input, where, v) -> new Case(layer, input, new TreeSet<>(where).stream().mapToInt(Integer::intValue).toArray(),
                        v.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    @Property(seed = "20261205", tries = 200)
    void maxPoolPatchEqualsAForwardPassOfTheChangedInput(@ForAll("maxPools") Case c) {
        // GIVEN y = forward(x) of a max pooling, ties likely, and x2 = x with a few entries changed
        // WHEN the changes are patched into a copy of y
        // THEN it is forward(x2) bit for bit, and the written indices are ascending, distinct, and cover every change
        PatchAssertions.assertPatchEqualsForward(c.layer(), c.x(), c.changed(), c.values());
    }

    @Property(seed = "20261206", tries = 200)
    void normPatchEqualsAForwardPassOfTheChangedInput(@ForAll("norms") Case c) {
        // GIVEN y = forward(x) of a batch or layer norm and x2 = x with a few entries changed
        // WHEN the changes are patched into a copy of y
        // THEN it is forward(x2) bit for bit, and the written indices are ascending, distinct, and cover every change
        PatchAssertions.assertPatchEqualsForward(c.layer(), c.x(), c.changed(), c.values());
    }

    @Property(seed = "20261207", tries = 150)
    void normProbeEqualsAForwardPassWithTheEntryReplaced(@ForAll("norms") Case c, @ForAll boolean scale) {
        // GIVEN a gamma or beta entry of a batch or layer norm and a new value
        String param = scale ? Normalization.GAMMA : Normalization.BETA;
        int index = c.changed()[0] % c.layer().parameters().get(param).size();
        Tensor y = c.layer().forward(c.x());
        ParameterProbe probe = c.layer().probe(param, c.x(), y);
        // WHEN the probe writes the layer's output with that entry replaced, twice (into y's copy, and allocating)
        // THEN both are the forward pass of the layer with the entry replaced, bit for bit, the written indices
        // are listed as they should be, and the layer is unchanged
        PatchAssertions.assertProbeEqualsForward(c.layer(), c.x(), y, probe, param, index, c.values()[0]);
        assertArrayEquals(y.toArray(), c.layer().forward(c.x()).toArray());
    }
}
