package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Softmax;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

/**
 * The allocation-free path of a full check against the allocating one: carrying a few changed entries of an
 * activation through {@link PatchedTrace} gives, bit for bit, the activations of
 * {@link Incremental#trace}, also through a layer without a patch path (softmax: the rest falls back),
 * and {@link PatchedTrace#restore} leaves every buffer holding the base trace again.
 */
@GradientProperties
class PatchedTraceProperties {

    @Property(seed = "20261123", tries = 150)
    void patchedActivationsEqualTheIncrementalOnesAndAreRestored(@ForAll("networks") Chain chain,
                                                                 @ForAll @IntRange(min = 0, max = 3) int from,
                                                                 @ForAll("rounds") List<List<Tuple2<Integer, Double>>> rounds) {
        // GIVEN affine -> sigmoid -> affine -> tanh -> affine -> relu -> softmax -> affine, and its base trace
        Network network = chain.network();
        Tensor x = chain.x();
        Network.Trace base = network.trace(x);
        PatchedTrace patched = new PatchedTrace(network, base, from);
        for (List<Tuple2<Integer, Double>> round : rounds) {
            // WHEN a few entries of activation `from` change (ascending, some to the same value) and are carried on
            double[] changed = base.activations().get(from).toArray();
            java.util.TreeMap<Integer, Double> changes = new java.util.TreeMap<>();
            for (Tuple2<Integer, Double> change : round) {
                changes.putIfAbsent(change.get1() % changed.length, change.get2());
            }
            int[] where = changes.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < where.length; k++) {
                double value = changes.get(where[k]).isNaN() ? changed[where[k]] : changes.get(where[k]);
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

    /** Four affine layers width -> width (the last width -> 3) with values in [-1, 1] and an input [batch, width] in [-2, 2]. */
    record Chain(List<Tensor> weights, List<Tensor> biases, Tensor x) {
        Network network() {
            return Network.of(new Affine(weights.get(0), biases.get(0)), new Sigmoid(), new Affine(weights.get(1), biases.get(1)), new Tanh(),
                    new Affine(weights.get(2), biases.get(2)), new ReLU(), new Softmax(), new Affine(weights.get(3), biases.get(3)));
        }
    }

    @Provide
    Arbitrary<Chain> networks() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 24)).flatAs((batch, width) -> {
            Arbitrary<Tensor> square = values(-1, 1, width, width);
            Arbitrary<Tensor> bias = values(-1, 1, width);
            return Combinators.combine(Combinators.combine(square, square, square, values(-1, 1, width, 3)).as(List::of),
                    Combinators.combine(bias, bias, bias, values(-1, 1, 3)).as(List::of), values(-2, 2, batch, width)).as(Chain::new);
        });
    }

    /**
     * Three rounds of 1-6 changes (index modulo the activation's size, duplicates keep the first); NaN stands for
     * "the same value again".
     */
    @Provide
    Arbitrary<List<List<Tuple2<Integer, Double>>>> rounds() {
        Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.just(Double.NaN), Arbitraries.doubles().between(-3, 3).ofScale(9));
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), values).as(Tuple::of).list().ofMinSize(1).ofMaxSize(6)
                .list().ofSize(3);
    }

    private static Arbitrary<Tensor> values(double lo, double hi, int... shape) {
        return Tensors.of(shape).between(lo, hi).decimals(9);
    }
}
