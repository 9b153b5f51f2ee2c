package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Flatten;
import io.gradcheck4j.engine.layers.SelfAttention;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
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
 * A full check's evaluation along one coordinate of an attention network (self_attention -> flatten -> tanh,
 * half squared error), through the attention patch path and projection probes, gives bit for bit the loss of
 * the network rebuilt with that entry changed and run by a full forward pass: every layer of these networks has
 * an exact incremental path, so no rounding is allowed.
 */
@GradientProperties
class AttentionCoordinatesProperties {

    /** The network's layers, its input [batch 1-3, seq 1-4, dim 1-3] and its target. */
    record Case(List<Layer> layers, Tensor x, Tensor target) {
        NetworkFunction function() {
            return new NetworkFunction(new Network(layers), x, Objective.loss(new HalfSquaredError(), target));
        }
    }

    @Provide
    Arbitrary<Case> networks() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3)).flatAs((batch, seq, dim, dk) ->
                Combinators.combine(values(dim, dk), values(dim, dk), values(dim, dk), values(batch, seq, dim), values(batch, seq * dk))
                        .as((wq, wk, wv, x, target) -> new Case(List.of(new SelfAttention(wq, wk, wv), new Flatten(), new Tanh()), x, target)));
    }

    /** Four (index, new value) changes; the index is taken modulo the size of the tensor changed. */
    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> entryChanges() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.doubles().between(-2, 2).ofScale(9))
                .as(Tuple::of).list().ofSize(4);
    }

    @Property(seed = "20261214", tries = 80)
    void coordinateEvaluationIsTheLossOfTheRebuiltNetwork(@ForAll("networks") Case c,
                                                          @ForAll("entryChanges") List<Tuple2<Integer, Double>> changes) {
        // GIVEN an attention network as a checkable function
        NetworkFunction f = c.function();
        for (Variable v : f.variables()) {
            CoordinateFunction fast = f.bindCoordinates(v.name());
            for (Tuple2<Integer, Double> change : changes) {
                int index = change.get1() % v.value().size();
                // WHEN one entry is evaluated through the fast path, one after another on the same binding
                double actual = fast.evaluateAt(index, change.get2()).value();
                // THEN it is the loss of the network rebuilt with that entry, bit for bit
                Tensor changed = v.value().with(index, change.get2());
                Network network = new Network(c.layers());
                Tensor input = c.x();
                if (v.name().equals(Network.INPUT)) {
                    input = changed;
                } else {
                    String[] parts = v.name().split("\\.");
                    int layer = Integer.parseInt(parts[1]);
                    network = network.withLayer(layer, network.layers().get(layer).withParameters(Map.of(parts[2], changed)));
                }
                double expected = Objective.loss(new HalfSquaredError(), c.target()).value(network.forward(input));
                assertEquals(expected, actual, 0.0, v.name() + "[" + index + "]");
            }
        }
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-1, 1).decimals(9);
    }
}
