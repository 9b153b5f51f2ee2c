package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
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
 * The checker's fast evaluation along one coordinate (probe + incremental forward) agrees with rebuilding
 * the network with that entry changed and running a full forward pass, and the numeric gradient does not
 * depend on the thread count.
 */
@GradientProperties
class BindCoordinatesProperties {

    @Property(seed = "12345", tries = 60)
    void valueAtAgreesWithAFullForwardPassOfTheRebuiltNetwork(@ForAll("twoLayerNetworks") TwoLayers n,
                                                              @ForAll("entryChanges") List<Tuple2<Integer, Double>> changes) {
        // GIVEN a random affine-relu-affine-tanh network with a half squared error
        Network network = Network.of(new Affine(n.w1(), n.b1()), new ReLU(), new Affine(n.w2(), n.b2()), new Tanh());
        Tensor x = n.x();
        Objective objective = Objective.loss(new HalfSquaredError(), n.target());
        NetworkFunction f = new NetworkFunction(network, x, objective);

        for (Variable v : f.variables()) {
            CoordinateFunction fast = f.bindCoordinates(v.name());
            for (Tuple2<Integer, Double> change : changes) {
                int index = change.get1() % v.value().size();
                double newValue = change.get2();

                // WHEN one entry is evaluated through the fast path
                Evaluation evaluation = fast.evaluateAt(index, newValue);

                // THEN it matches the network rebuilt with that entry, up to rounding, with the same ReLU mask
                Network changed = rebuilt(network, v.name(), v.value().with(index, newValue));
                Tensor changedInput = v.name().equals(Network.INPUT) ? v.value().with(index, newValue) : x;
                double expected = objective.value(changed.forward(changedInput));
                assertEquals(expected, evaluation.value(), 1e-12 * Math.max(1, Math.abs(expected)), v.name() + "[" + index + "]");
                if (v.name().equals(Network.INPUT) || v.name().startsWith("layers.0.")) {
                    Tensor reluInput = changed.trace(changedInput).activations().get(1);
                    assertArrayEquals(new ReLU().branchPattern(reluInput), evaluation.branches().get(0).pattern(), v.name() + "[" + index + "]");
                } else {
                    assertTrue(evaluation.branches().isEmpty(), "no piecewise stage after layer 1");
                }
            }
        }
        // AND the caller's tensors are untouched
        assertEquals(n.x(), f.input());
    }

    @Property(seed = "777", tries = 40)
    void directionEvaluationAgreesWithTheRebuiltNetwork(@ForAll("networksWithDirections") Tuple2<TwoLayers, List<Tuple2<Tensor, Double>>> sample) {
        // GIVEN a random affine-relu-affine network with a half squared error
        TwoLayers n = sample.get1();
        Network network = Network.of(new Affine(n.w1(), n.b1()), new ReLU(), new Affine(n.w2(), n.b2()));
        Tensor x = n.x();
        Objective objective = Objective.loss(new HalfSquaredError(), n.target());
        NetworkFunction f = new NetworkFunction(network, x, objective);

        List<Variable> variables = f.variables();
        assertEquals(List.of(Network.INPUT, "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"),
                variables.stream().map(Variable::name).toList(), "the order the directions were drawn in");
        for (int k = 0; k < variables.size(); k++) {
            Variable v = variables.get(k);
            Tensor u = sample.get2().get(k).get1();
            double t = sample.get2().get(k).get2();

            // WHEN f is evaluated at v + t u through the direction fast path
            Evaluation evaluation = f.bindDirection(v.name(), u).at(t);

            // THEN it matches the network rebuilt at v + t u, up to rounding, with the same ReLU mask
            Tensor moved = v.value().plus(u.scale(t));
            Network changed = rebuilt(network, v.name(), moved);
            Tensor changedInput = v.name().equals(Network.INPUT) ? moved : x;
            double expected = objective.value(changed.forward(changedInput));
            assertEquals(expected, evaluation.value(), 1e-12 * Math.max(1, Math.abs(expected)), v.name());
            if (v.name().equals(Network.INPUT) || v.name().startsWith("layers.0.")) {
                Tensor reluInput = changed.trace(changedInput).activations().get(1);
                assertArrayEquals(new ReLU().branchPattern(reluInput), evaluation.branches().get(0).pattern(), v.name());
            }
        }
    }

    @Property(seed = "2026", tries = 10)
    void numericGradientIsTheSameWhateverTheThreadCount(@ForAll("benchmarkCousins") TwoLayers n) {
        // GIVEN the 32-64-10 benchmark MLP's smaller cousin with enough entries for several chunks
        Network network = Network.of(new Affine(n.w1(), n.b1()), new Sigmoid(), new Affine(n.w2(), n.b2()));
        NetworkFunction f = new NetworkFunction(network, n.x(), Objective.loss(new HalfSquaredError(), n.target()));

        for (Variable v : f.variables()) {
            // WHEN the numeric gradient is computed with 1 and with 3 threads
            double[] sequential = new GradientChecker(CheckOptions.defaults().withParallelism(1)).numericGradient(f, v);
            double[] parallel = new GradientChecker(CheckOptions.defaults().withParallelism(3)).numericGradient(f, v);

            // THEN the results are identical to the last bit
            assertArrayEquals(sequential, parallel, 0.0, v.name());
            assertTrue(sequential.length == v.value().size());
        }
    }

    /** Two affine layers in -> hidden -> out with values in [-1, 1], an input batch and a target. */
    record TwoLayers(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor x, Tensor target) {
    }

    @Provide
    Arbitrary<TwoLayers> twoLayerNetworks() {
        return Combinators.combine(sizes(6), sizes(9), sizes(4), sizes(4)).flatAs((in, hidden, out, batch) -> twoLayers(in, hidden, out, batch, -1));
    }

    /** Four (index, new value) changes; the index is taken modulo the size of the tensor changed. */
    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> entryChanges() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.doubles().between(-2, 2).ofScale(6))
                .as(Tuple::of).list().ofSize(4);
    }

    /** An affine-relu-affine network (out = 2) and for each of its five variables a direction u and a step t. */
    @Provide
    Arbitrary<Tuple2<TwoLayers, List<Tuple2<Tensor, Double>>>> networksWithDirections() {
        return Combinators.combine(sizes(6), sizes(9), sizes(4)).flatAs((in, hidden, batch) -> twoLayers(in, hidden, 2, batch, -1)
                .flatMap(n -> {
                    List<Arbitrary<Tuple2<Tensor, Double>>> directions = new ArrayList<>();
                    for (Tensor value : List.of(n.x(), n.w1(), n.b1(), n.w2(), n.b2())) {
                        directions.add(Combinators.combine(values(-1, value.shape()), Arbitraries.doubles().between(-0.5, 0.5).ofScale(6)).as(Tuple::of));
                    }
                    return Combinators.combine(directions).as(list -> Tuple.of(n, List.copyOf(list)));
                }));
    }

    /** 12 -> 20 -> 3 with a batch of 3 and targets in [0, 1]. */
    @Provide
    Arbitrary<TwoLayers> benchmarkCousins() {
        return twoLayers(12, 20, 3, 3, 0);
    }

    /** Weights, biases and inputs in [-1, 1], targets in [targetLow, 1]. */
    private static Arbitrary<TwoLayers> twoLayers(int in, int hidden, int out, int batch, double targetLow) {
        return Combinators.combine(values(-1, in, hidden), values(-1, hidden), values(-1, hidden, out), values(-1, out),
                values(-1, batch, in), values(targetLow, batch, out)).as(TwoLayers::new);
    }

    private static Arbitrary<Integer> sizes(int max) {
        return Arbitraries.integers().between(1, max);
    }

    /** Tensors of {@code shape} with entries in [low, 1] and 6 decimals. */
    private static Arbitrary<Tensor> values(double low, int... shape) {
        return Tensors.of(shape).between(low, 1).decimals(6);
    }

    private static Network rebuilt(Network network, String name, Tensor replacement) {
        if (name.equals(Network.INPUT)) {
            return network;
        }
        String[] parts = name.split("\\.");
        int index = Integer.parseInt(parts[1]);
        Layer layer = network.layers().get(index).withParameters(Map.of(parts[2], replacement));
        return network.withLayer(index, layer);
    }
}
