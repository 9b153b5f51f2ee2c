package io.gradcheck4j.check;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Embedding;
import io.gradcheck4j.engine.layers.Flatten;
import io.gradcheck4j.engine.layers.Lstm;
import io.gradcheck4j.engine.layers.SimpleRnn;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;

/**
 * A full check's evaluation along one coordinate of a sequence network ([embedding ->] rnn or lstm -> flatten
 * -> tanh, half squared error), through the recurrent and embedding patch paths and probes, gives bit for bit
 * the loss of the network rebuilt with that entry changed and run by a full forward pass: every layer of these
 * networks has an exact incremental path, so no rounding is allowed.
 */
@GradientProperties
class SequenceCoordinatesProperties {

    /** The network's layers (the recurrent one last but two), its input and its target. */
    record Case(List<Layer> layers, Tensor x, Tensor target) {
    }

    @Provide
    Arbitrary<Case> networks() {
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3)).flatAs((lstm, embedded, batch, time, hidden) -> {
                    int features = 2;
                    int gates = lstm ? 4 * hidden : hidden;
                    Arbitrary<Tensor> x = embedded
                            ? Arbitraries.integers().between(0, 2).list().ofSize(batch * time)
                                    .map(tokens -> Tensor.wrap(tokens.stream().mapToDouble(Integer::doubleValue).toArray(), batch, time))
                            : values(batch, time, features);
                    return Combinators.combine(values(features, gates), values(hidden, gates), values(gates), values(3, features), x,
                                    values(batch, time * hidden))
                            .as((wx, wh, b, table, input, target) -> {
                                Layer recurrent = lstm ? new Lstm(wx, wh, b) : new SimpleRnn(wx, wh, b);
                                List<Layer> layers = embedded ? List.of(new Embedding(table), recurrent, new Flatten(), new Tanh())
                                        : List.of(recurrent, new Flatten(), new Tanh());
                                return new Case(layers, input, target);
                            });
                });
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> entryChanges() {
        return RebuiltNetworks.entryChanges();
    }

    @Property(seed = "20261209", tries = 80)
    void coordinateEvaluationIsTheLossOfTheRebuiltNetwork(@ForAll("networks") Case c,
                                                          @ForAll("entryChanges") List<Tuple2<Integer, Double>> changes) {
        // (an embedding's input is integer ids: not a coordinate of the check)
        Set<String> skipped = c.layers().get(0) instanceof Embedding ? Set.of(Network.INPUT) : Set.of();
        RebuiltNetworks.assertCoordinatesAreRebuiltLosses(c.layers(), c.x(), new HalfSquaredError(), c.target(), changes, skipped);
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-1, 1).decimals(9);
    }
}
