package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * What the coordinate properties of the incremental paths share: a full check's evaluation of a network along one
 * entry, f(v with v<sub>i</sub> = t), against the loss of the network rebuilt with that entry and run by a full
 * forward pass, bit for bit.
 */
final class RebuiltNetworks {
    private RebuiltNetworks() {
    }

    /** Four (index, new value) changes; the index is taken modulo the size of the tensor changed. */
    static Arbitrary<List<Tuple2<Integer, Double>>> entryChanges() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.doubles().between(-2, 2).ofScale(9))
                .as(Tuple::of).list().ofSize(4);
    }

    /**
     * For every variable of the network (but those named in {@code skipped}) and every change, one after another
     * on the same coordinate binding: the fast path's value equals, exactly, the loss of the rebuilt network.
     */
    static void assertCoordinatesAreRebuiltLosses(List<Layer> layers, Tensor x, Loss loss, Tensor target,
                                                  List<Tuple2<Integer, Double>> changes, Set<String> skipped) {
        // GIVEN the network as a checkable function
        NetworkFunction f = new NetworkFunction(new Network(layers), x, Objective.loss(loss, target));
        for (Variable v : f.variables()) {
            if (skipped.contains(v.name())) {
                continue;
            }
            CoordinateFunction fast = f.bindCoordinates(v.name());
            for (Tuple2<Integer, Double> change : changes) {
                int index = change.get1() % v.value().size();
                // WHEN one entry is evaluated through the fast path
                double actual = fast.evaluateAt(index, change.get2()).value();
                // THEN it is the loss of the network rebuilt with that entry, bit for bit
                Tensor changed = v.value().with(index, change.get2());
                Network network = new Network(layers);
                Tensor input = x;
                if (v.name().equals(Network.INPUT)) {
                    input = changed;
                } else {
                    String[] parts = v.name().split("\\.");
                    int layer = Integer.parseInt(parts[1]);
                    network = network.withLayer(layer, network.layers().get(layer).withParameters(Map.of(parts[2], changed)));
                }
                double expected = loss.value(network.forward(input), target);
                assertEquals(expected, actual, 0.0, v.name() + "[" + index + "]");
            }
        }
    }
}
