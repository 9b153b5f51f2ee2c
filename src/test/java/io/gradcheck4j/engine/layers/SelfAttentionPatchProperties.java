package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.fast.DirectionProbe;
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
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The incremental paths of {@link SelfAttention} against full forward passes, bit for bit: the patch of a few
 * changed input entries equals forward(x2) and lists ascending, distinct indices covering every change; the
 * probe of W<sub>q</sub>, W<sub>k</sub> or W<sub>v</sub>, entry after entry on one probe, equals a forward pass
 * of the layer with that entry replaced (both forms) and leaves the layer as it was. And the forward pass itself
 * equals, bit for bit, the formula written here with {@link Tensor#matmul}: Y = softmax(X W<sub>q</sub>
 * (X W<sub>k</sub>)<sup>T</sup> / &radic;d<sub>k</sub>) X W<sub>v</sub> per item (d<sub>k</sub> up to 18, so the
 * products' wide kernels are covered too). The direction probe of a projection equals a forward pass at the moved
 * weights up to rounding (along W<sub>v</sub> it is Y + t A X U).
 */
@GradientProperties
class SelfAttentionPatchProperties {

    /** A random attention layer [dim 1-4, dk 1-18] and its input [batch 1-3, seq 1-5, dim] in [-2, 2]. */
    record Case(SelfAttention layer, Tensor x) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 4),
                Arbitraries.of(1, 2, 3, 5, 16, 18)).flatAs((batch, seq, dim, dk) ->
                Combinators.combine(Tensors.of(dim, dk), Tensors.of(dim, dk), Tensors.of(dim, dk), Tensors.of(batch, seq, dim))
                        .as((wq, wk, wv, x) -> new Case(new SelfAttention(wq, wk, wv), x)));
    }

    /** 1-4 (flat index, new value) pairs, the index taken modulo the size it indexes. */
    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> changes() {
        return Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.doubles().between(-3, 3))
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(seed = "20261210", tries = 150)
    void patchEqualsAForwardPassOfTheChangedInput(@ForAll("cases") Case c, @ForAll("changes") List<Tuple2<Integer, Double>> changes) {
        // GIVEN y = forward(x) and x2 = x with a few entries changed (distinct, ascending)
        TreeSet<Integer> where = new TreeSet<>();
        for (Tuple2<Integer, Double> change : changes) {
            where.add(change.get1() % c.x().size());
        }
        int[] changed = where.stream().mapToInt(Integer::intValue).toArray();
        double[] ordered = new double[changed.length];
        for (int k = 0; k < changed.length; k++) {
            ordered[k] = valueFor(changes, c.x().size(), changed[k]);
        }
        // WHEN the changes are patched into a copy of y
        // THEN it is forward(x2) bit for bit, and the written indices are ascending, distinct, and cover every change
        PatchAssertions.assertPatchEqualsForward(c.layer(), c.x(), changed, ordered);
    }

    @Property(seed = "20261217", tries = 100)
    void patchesAgainstTwoInputsInTurnEachEqualAForwardPass(@ForAll("cases") Case c, @ForAll("changes") List<Tuple2<Integer, Double>> changes) {
        // GIVEN one layer and two inputs of one shape (the layer keeps the unperturbed items of the input last patched)
        Tensor other = c.x().map(v -> 0.5 - v);
        for (int round = 0; round < 3; round++) {
            for (Tensor x : List.of(c.x(), other)) {
                for (Tuple2<Integer, Double> change : changes) {
                    // WHEN one entry of either input is changed and patched, the inputs taking turns
                    // THEN each patch is the forward pass of its changed input, bit for bit
                    PatchAssertions.assertPatchEqualsForward(c.layer(), x, new int[] {change.get1() % x.size()}, new double[] {change.get2() + round});
                }
            }
        }
    }

    @Property(seed = "20261211", tries = 150)
    void probeEqualsAForwardPassWithTheEntryReplaced(@ForAll("cases") Case c, @ForAll("changes") List<Tuple2<Integer, Double>> changes,
            @ForAll("parameters") String param) {
        // GIVEN one probe of a projection
        Tensor value = c.layer().parameters().get(param);
        Tensor y = c.layer().forward(c.x());
        ParameterProbe probe = c.layer().probe(param, c.x(), y);
        for (Tuple2<Integer, Double> change : changes) {
            int index = change.get1() % value.size();
            double[] into = y.toArray();
            int[] written = new int[into.length];
            // WHEN it writes the output with one entry replaced, into y's copy and allocating, entry after entry
            int n = probe.forwardWithInto(index, change.get2(), into, written);
            Tensor allocated = probe.forwardWith(index, change.get2());
            // THEN both are the forward pass of the layer with that entry replaced, bit for bit, every change listed
            double[] replaced = value.toArray();
            replaced[index] = change.get2();
            double[] expected = c.layer().withParameters(Map.of(param, Tensor.of(replaced, value.shape()))).forward(c.x()).toArray();
            assertArrayEquals(expected, into);
            assertArrayEquals(expected, allocated.toArray());
            PatchAssertions.assertListed(y, expected, written, n);
        }
        // AND the layer is as it was
        assertArrayEquals(y.toArray(), c.layer().forward(c.x()).toArray());
    }

    @Provide
    Arbitrary<String> parameters() {
        return Arbitraries.of(SelfAttention.QUERY, SelfAttention.KEY, SelfAttention.VALUE);
    }

    @Property(seed = "20261212", tries = 100)
    void forwardEqualsTheFormulaWrittenWithMatrixProducts(@ForAll("cases") Case c) {
        // GIVEN the layer's projections
        Map<String, Tensor> p = c.layer().parameters();
        Tensor wq = p.get(SelfAttention.QUERY);
        int seq = c.x().dim(1);
        int dim = c.x().dim(2);
        int dk = wq.dim(1);
        // WHEN the layer runs forward
        Tensor y = c.layer().forward(c.x());
        // THEN each item is softmax_row(X Wq (X Wk)^T / sqrt(dk)) X Wv, computed here by Tensor's products
        double[] expected = new double[c.x().dim(0) * seq * dk];
        for (int n = 0; n < c.x().dim(0); n++) {
            double[] item = new double[seq * dim];
            for (int e = 0; e < item.length; e++) {
                item[e] = c.x().get(n * seq * dim + e);
            }
            Tensor xn = Tensor.wrap(item, seq, dim);
            double[] s = xn.matmul(wq).matmulTranspose(xn.matmul(p.get(SelfAttention.KEY))).scale(1.0 / Math.sqrt(dk)).toArray();
            for (int i = 0; i < seq; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < seq; j++) {
                    max = Math.max(max, s[i * seq + j]);
                }
                double sum = 0;
                for (int j = 0; j < seq; j++) {
                    s[i * seq + j] = Math.exp(s[i * seq + j] - max);
                    sum += s[i * seq + j];
                }
                for (int j = 0; j < seq; j++) {
                    s[i * seq + j] /= sum;
                }
            }
            Tensor.wrap(s, seq, seq).matmul(xn.matmul(p.get(SelfAttention.VALUE))).copyInto(expected, n * seq * dk);
        }
        assertArrayEquals(expected, y.toArray());
    }

    /** The value of the first change whose index, modulo {@code size}, is {@code index}. */
    private static double valueFor(List<Tuple2<Integer, Double>> changes, int size, int index) {
        for (Tuple2<Integer, Double> change : changes) {
            if (change.get1() % size == index) {
                return change.get2();
            }
        }
        throw new IllegalArgumentException("no change at " + index);
    }

    @Property(seed = "20261203", tries = 100)
    void directionProbeEqualsAForwardPassAtTheMovedWeights(@ForAll("cases") Case c, @ForAll("parameters") String param,
                                                          @ForAll("steps") List<Double> steps) {
        // GIVEN a direction U of one projection (a fixed pattern of its shape)
        Tensor w = c.layer().parameters().get(param);
        Tensor direction = PatchAssertions.direction(w.shape());
        Tensor y = c.layer().forward(c.x());
        DirectionProbe given = c.layer().probeDirection(param, c.x(), y, direction);
        DirectionProbe own = c.layer().probeDirection(param, c.x(), direction);
        for (double t : steps) {
            // WHEN the probe evaluates the output at W + tU
            double[] expected = c.layer().withParameters(Map.of(param, w.plusScaled(t, direction))).forward(c.x()).toArray();
            double[] actual = given.forwardAt(t).toArray();
            // THEN it is that forward pass up to rounding (Y + t A X U along W_v, a forward pass along W_q, W_k)
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), param + " at t = " + t + ", entry " + i);
            }
            assertArrayEquals(actual, own.forwardAt(t).toArray());
        }
        // AND y is left as it was
        assertArrayEquals(c.layer().forward(c.x()).toArray(), y.toArray());
    }

    @Property(seed = "20261204", tries = 100)
    void inputDirectionProbeEqualsAForwardPassAtXPlusTU(@ForAll("cases") Case c, @ForAll("steps") List<Double> steps) {
        // GIVEN a direction u of the input (a fixed pattern of its shape)
        Tensor direction = PatchAssertions.direction(c.x().shape());
        double[] x = c.x().toArray();
        DirectionProbe probe = c.layer().probeInputDirection(c.x(), c.layer().forward(c.x()), direction);
        for (double t : steps) {
            // WHEN the probe evaluates the output at x + t u
            double[] expected = c.layer().forward(c.x().plusScaled(t, direction)).toArray();
            double[] actual = probe.forwardAt(t).toArray();
            // THEN it is that forward pass up to rounding
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), "input at t = " + t + ", entry " + i);
            }
        }
        // AND x is left as it was
        assertArrayEquals(x, c.x().toArray());
    }

    @Provide
    Arbitrary<List<Double>> steps() {
        return Arbitraries.doubles().between(-1e-2, 1e-2).ofScale(9).list().ofMinSize(1).ofMaxSize(3);
    }
}
