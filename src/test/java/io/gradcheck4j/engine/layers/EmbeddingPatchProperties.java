package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The incremental paths of {@link Embedding} against full forward passes, bit for bit: the parameter probe (one
 * table entry, which reaches only the positions holding its token) equals a forward pass of the layer with that
 * entry replaced, entry after entry on one probe; the patch of changed token indices (to other tokens, or by less
 * than the index tolerance) equals forward(x2), and an index forward rejects is rejected with forward's message;
 * the direction probe equals a forward pass at E + tU.
 */
@GradientProperties
class EmbeddingPatchProperties {

    /** A table [vocab 1-5, dim 1-3] in [-2, 2] and token indices [batch 1-3, seq 1-4] (repeats likely). */
    record Case(Embedding layer, Tensor x) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 4)).flatAs((vocab, dim, batch, seq) ->
                Combinators.combine(Tensors.of(vocab, dim).between(-2, 2).decimals(9),
                                Arbitraries.integers().between(0, vocab - 1).list().ofSize(batch * seq))
                        .as((e, tokens) -> new Case(new Embedding(e),
                                Tensor.wrap(tokens.stream().mapToDouble(Integer::doubleValue).toArray(), batch, seq))));
    }

    /** Three rounds of 1-4 (index, new token, offset below the tolerance); an index taken modulo the size. */
    @Provide
    Arbitrary<List<List<Tuple2<Integer, Double>>>> rounds() {
        Arbitrary<Double> tokens = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(-0.009, 0.009).ofScale(6))
                .as((token, offset) -> token + offset);
        return Combinators.combine(Arbitraries.integers().between(0, 1000), tokens).as(Tuple::of).list().ofMinSize(1).ofMaxSize(4)
                .list().ofSize(3);
    }

    @Property(seed = "20261206", tries = 150)
    void probeEqualsAForwardPassWithTheEntryReplaced(@ForAll("cases") Case c, @ForAll("rounds") List<List<Tuple2<Integer, Double>>> rounds) {
        // GIVEN a probe of the table
        Tensor table = c.layer().parameters().get(Embedding.WEIGHT);
        Tensor y = c.layer().forward(c.x());
        ParameterProbe probe = c.layer().probe(Embedding.WEIGHT, c.x(), y);
        for (List<Tuple2<Integer, Double>> round : rounds) {
            int index = round.get(0).get1() % table.size();
            double newValue = round.get(0).get2();
            double[] into = y.toArray();
            int[] written = new int[into.length];
            // WHEN it writes the output with one table entry replaced, into y's copy and allocating
            int n = probe.forwardWithInto(index, newValue, into, written);
            Tensor allocated = probe.forwardWith(index, newValue);
            // THEN both are the forward pass with that entry replaced, bit for bit, and what changed is listed
            double[] replaced = table.toArray();
            replaced[index] = newValue;
            double[] expected = c.layer().withParameters(Map.of(Embedding.WEIGHT, Tensor.of(replaced, table.shape()))).forward(c.x()).toArray();
            assertArrayEquals(expected, into);
            assertArrayEquals(expected, allocated.toArray());
            PatchAssertions.assertListed(y, expected, written, n);
        }
    }

    @Property(seed = "20261207", tries = 150)
    void patchEqualsAForwardPassOfTheChangedIndices(@ForAll("cases") Case c, @ForAll("rounds") List<List<Tuple2<Integer, Double>>> rounds) {
        // GIVEN y = forward(x)
        Tensor y = c.layer().forward(c.x());
        int vocab = c.layer().parameters().get(Embedding.WEIGHT).dim(0);
        for (List<Tuple2<Integer, Double>> round : rounds) {
            // AND x2 = x with a few indices changed (to other tokens, or a little off their integer)
            double[] x2 = c.x().toArray();
            int[] changed = RecurrentPatchProperties.changes(round, x2);
            double[] out = y.toArray();
            int[] written = new int[out.length];
            Tensor x2Tensor = Tensor.of(x2, c.x().shape());
            boolean valid = true;
            for (int i : changed) {
                valid &= Math.round(x2[i]) < vocab;
            }
            if (!valid) {
                // WHEN an index lies outside the vocabulary THEN the patch rejects it as forward does
                String expected = assertThrows(IllegalArgumentException.class, () -> c.layer().forward(x2Tensor)).getMessage();
                assertEquals(expected, assertThrows(IllegalArgumentException.class,
                        () -> c.layer().forwardPatch(c.x(), y, x2, changed, changed.length, out, written)).getMessage());
                continue;
            }
            // WHEN the changes are patched into a copy of y, and carried by forwardIncremental
            int n = c.layer().forwardPatch(c.x(), y, x2, changed, changed.length, out, written);
            // THEN both are forward(x2) bit for bit, and what changed is listed
            double[] expected = c.layer().forward(x2Tensor).toArray();
            assertArrayEquals(expected, out);
            assertArrayEquals(expected, c.layer().forwardIncremental(c.x(), y, x2Tensor).toArray());
            PatchAssertions.assertListed(y, expected, written, n);
        }
    }

    @Property(seed = "20261208", tries = 100)
    void directionProbeEqualsAForwardPassAtEPlusTU(@ForAll("cases") Case c, @ForAll("steps") List<Double> steps) {
        // GIVEN a direction U of the table (a fixed pattern of its shape)
        Tensor table = c.layer().parameters().get(Embedding.WEIGHT);
        double[] u = new double[table.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = Math.cos(2.3 * i + 0.1);
        }
        Tensor direction = Tensor.wrap(u, table.shape());
        DirectionProbe probe = c.layer().probeDirection(Embedding.WEIGHT, c.x(), c.layer().forward(c.x()), direction);
        for (double t : steps) {
            // WHEN the probe evaluates the output at E + tU THEN it is that forward pass, bit for bit
            Tensor expected = c.layer().withParameters(Map.of(Embedding.WEIGHT, table.plusScaled(t, direction))).forward(c.x());
            assertArrayEquals(expected.toArray(), probe.forwardAt(t).toArray());
        }
    }

    @Provide
    Arbitrary<List<Double>> steps() {
        return Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(9).list().ofMinSize(1).ofMaxSize(3);
    }
}
