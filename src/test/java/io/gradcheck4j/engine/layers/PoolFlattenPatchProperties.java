package io.gradcheck4j.engine.layers;


import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.fast.FastLayer;
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
 * The incremental paths of average pooling and flatten against full forward passes, bit for bit: the patch
 * of a few changed input entries equals forward(x2), and lists ascending, distinct indices covering every
 * entry that changed.
 */
@GradientProperties
class PoolFlattenPatchProperties {

    /** A layer, its input, and a few input entries with new values. */
    record Case(FastLayer layer, Tensor x, int[] changed, double[] values) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> geometry = Combinators.combine(List.of(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(3, 7),
                        Arbitraries.integers().between(3, 7), Arbitraries.integers().between(0, 1)))
                .as(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return geometry.flatMap(d -> {
            int size = d[0] * d[1] * d[4] * d[5];
            FastLayer layer = d[6] == 0 ? new AvgPool2D(d[2], d[3]) : new Flatten();
            return Combinators.combine(Tensors.of(d[0], d[1], d[4], d[5]),
                            Arbitraries.integers().between(0, size - 1).set().ofMinSize(1).ofMaxSize(4),
                            Arbitraries.doubles().between(-3, 3).list().ofSize(4))
                    .as((x, where, v) -> new Case(layer, x, new TreeSet<>(where).stream().mapToInt(Integer::intValue).toArray(),
                            v.stream().mapToDouble(Double::doubleValue).toArray()));
        });
    }

    @Property(seed = "20261204", tries = 150)
    void patchEqualsAForwardPassOfTheChangedInput(@ForAll("cases") Case c) {
        // GIVEN y = forward(x) and x2 = x with a few entries changed
        // WHEN the changes are patched into a copy of y
        // THEN it is forward(x2) bit for bit, and the written indices are ascending, distinct, and cover every change
        PatchAssertions.assertPatchEqualsForward(c.layer(), c.x(), c.changed(), c.values());
    }
}
