package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.tensor.Tensor;
import io.gradcheck4j.engine.fast.ParameterProbe;
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
 * {@link Affine#forwardPatch} is, bit for bit, its documented rule: for each listed entry (r, p) whose value
 * changed, in ascending order, row r of y gets (x2[r, p] - x[r, p]) W[p, :], one addition per entry at a time (the
 * rule written here as the textbook loop), and every entry of a touched row is listed; with more than a quarter
 * of x changed it is the full pass x2 W + b. And its parameter probe, asked for entry after entry with each entry
 * repeated as a central difference repeats it, is the rebuilt layer's forward pass bit for bit.
 */
@GradientProperties
class AffinePatchProperties {

    /** A layer, an input, and listed (flat index, new value) pairs, some of which may keep the old value. */
    record Case(Affine layer, Tensor x, List<Tuple2<Integer, Double>> changes) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.just(-0.0), Arbitraries.doubles().between(-4, 4).ofScale(9));
        Arbitrary<List<Tuple2<Integer, Double>>> changes = Combinators.combine(Arbitraries.integers().between(0, 10_000), values)
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(40);
        return Combinators.combine(Arbitraries.integers().between(1, 30), Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 5))
                .flatAs((in, out, batch) -> Combinators.combine(Tensors.of(in, out), Tensors.of(out), Tensors.of(batch, in), changes)
                        .as((w, b, x, list) -> new Case(new Affine(w, b), x, list)));
    }

    @Property(seed = "20261215", tries = 200)
    void patchAddsEachChangeTimesItsWeightRowInOrder(@ForAll("cases") Case c) {
        // GIVEN x2 = x with the listed entries set (an entry listed twice keeps its first value; some keep x's value)
        double[] x2 = c.x().toArray();
        TreeSet<Integer> where = new TreeSet<>();
        for (Tuple2<Integer, Double> change : c.changes()) {
            int i = change.get1() % x2.length;
            if (where.add(i) && change.get1() % 3 != 0) {
                x2[i] = change.get2();
            }
        }
        int[] changed = where.stream().mapToInt(Integer::intValue).toArray();
        Tensor w = c.layer().weight();
        int in = w.dim(0);
        int out = w.dim(1);
        Tensor y = c.layer().forward(c.x());
        // WHEN the listed entries are patched into a copy of y
        double[] patched = y.toArray();
        int[] written = new int[patched.length];
        int n = c.layer().forwardPatch(c.x(), y, x2, changed, changed.length, patched, written);
        // THEN it is the rule computed here one change and one output at a time (or the full pass past a quarter)
        double[] expected = y.toArray();
        int differences = 0;
        boolean finite = true;
        for (int i : changed) {
            if (Double.compare(x2[i], c.x().get(i)) != 0) {
                differences++;
                finite &= Double.isFinite(x2[i] - c.x().get(i));
                for (int j = 0; j < out; j++) {
                    expected[i / in * out + j] += (x2[i] - c.x().get(i)) * w.get(i % in * out + j);
                }
            }
        }
        if (differences > Math.max(1, x2.length / 4) || !finite) {
            expected = c.layer().forward(Tensor.of(x2, c.x().shape())).toArray();
        }
        assertArrayEquals(expected, patched);
        PatchAssertions.assertListed(y, expected, written, n);
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> probed() {
        Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.just(-0.0), Arbitraries.doubles().between(-4, 4).ofScale(9));
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), values).as(Tuple::of).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(seed = "20261216", tries = 150)
    void probeRepeatingEachEntryEqualsTheRebuiltLayer(@ForAll("cases") Case c, @ForAll("probed") List<Tuple2<Integer, Double>> entries,
            @ForAll boolean weight) {
        // GIVEN one probe of W or b
        String param = weight ? Affine.WEIGHT : Affine.BIAS;
        Tensor value = c.layer().parameters().get(param);
        Tensor y = c.layer().forward(c.x());
        ParameterProbe probe = c.layer().probe(param, c.x(), y);
        for (Tuple2<Integer, Double> entry : entries) {
            int index = entry.get1() % value.size();
            for (int repeat = 0; repeat < 1 + entry.get1() % 4; repeat++) {
                // WHEN it is asked for the same entry with several values in a row (as the stencil of a central difference)
                double newValue = entry.get2() + repeat * 1e-3;
                double[] into = y.toArray();
                int n = probe.forwardWithInto(index, newValue, into, new int[into.length]);
                // THEN each result is the forward pass of the layer rebuilt with that value, bit for bit
                Tensor rebuilt = c.layer().withParameters(Map.of(param, value.with(index, newValue))).forward(c.x());
                assertArrayEquals(rebuilt.toArray(), into, param + "[" + index + "] = " + newValue);
                assertArrayEquals(rebuilt.toArray(), probe.forwardWith(index, newValue).toArray());
                assertEquals(c.x().dim(0), n);
            }
        }
    }
}
