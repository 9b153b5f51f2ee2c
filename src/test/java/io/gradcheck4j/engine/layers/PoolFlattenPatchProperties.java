package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Tensor y = c.layer().forward(c.x());
        double[] x2 = c.x().toArray();
        for (int k = 0; k < c.changed().length; k++) {
            x2[c.changed()[k]] = c.values()[k];
        }
        double[] out = y.toArray();
        int[] written = new int[out.length];
        // WHEN the changes are patched into a copy of y
        int n = c.layer().forwardPatch(c.x(), y, x2, c.changed(), c.changed().length, out, written);
        // THEN it is forward(x2) bit for bit, and the written indices are ascending, distinct, and cover every change
        double[] expected = c.layer().forward(Tensor.of(x2, c.x().shape())).toArray();
        assertArrayEquals(expected, out);
        TreeSet<Integer> listed = new TreeSet<>();
        for (int e = 0; e < n; e++) {
            assertTrue(e == 0 || written[e] > written[e - 1], "not ascending at " + e);
            listed.add(written[e]);
        }
        for (int e = 0; e < out.length; e++) {
            assertTrue(listed.contains(e) || Double.compare(expected[e], y.get(e)) == 0, "entry " + e + " changed but was not listed");
        }
    }
}
