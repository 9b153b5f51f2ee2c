package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The checker's fast evaluation along one coordinate (probe + incremental forward) agrees with rebuilding
 * the network with that entry changed and running a full forward pass, and the numeric gradient does not
 * depend on the thread count.
 */
class BindCoordinatesProperties {

    @Property(seed = "12345", tries = 60)
    void valueAtAgreesWithAFullForwardPassOfTheRebuiltNetwork(@ForAll @IntRange(min = 1, max = 6) int in,
                                                              @ForAll @IntRange(min = 1, max = 9) int hidden,
                                                              @ForAll @IntRange(min = 1, max = 4) int out,
                                                              @ForAll @IntRange(min = 1, max = 4) int batch,
                                                              @ForAll long seed) {
        // GIVEN a random affine-relu-affine-tanh network with a half squared error
        SplittableRandom random = new SplittableRandom(seed);
        Network network = Network.of(
                new Affine(RandomTensors.uniform(random, -1, 1, in, hidden), RandomTensors.uniform(random, -1, 1, hidden)),
                new ReLU(),
                new Affine(RandomTensors.uniform(random, -1, 1, hidden, out), RandomTensors.uniform(random, -1, 1, out)),
                new Tanh());
        Tensor x = RandomTensors.uniform(random, -1, 1, batch, in);
        Objective objective = Objective.loss(new HalfSquaredError(), RandomTensors.uniform(random, -1, 1, batch, out));
        NetworkFunction f = new NetworkFunction(network, x, objective);

        for (Variable v : f.variables()) {
            CoordinateFunction fast = f.bindCoordinates(v.name());
            for (int k = 0; k < 4; k++) {
                int index = random.nextInt(v.value().size());
                double newValue = random.nextDouble(-2, 2);

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
        assertEquals(x, f.input());
    }

    @Property(seed = "777", tries = 40)
    void directionEvaluationAgreesWithTheRebuiltNetwork(@ForAll @IntRange(min = 1, max = 6) int in,
                                                        @ForAll @IntRange(min = 1, max = 9) int hidden,
                                                        @ForAll @IntRange(min = 1, max = 4) int batch,
                                                        @ForAll long seed) {
        // GIVEN a random affine-relu-affine network with a half squared error
        SplittableRandom random = new SplittableRandom(seed);
        Network network = Network.of(
                new Affine(RandomTensors.uniform(random, -1, 1, in, hidden), RandomTensors.uniform(random, -1, 1, hidden)),
                new ReLU(),
                new Affine(RandomTensors.uniform(random, -1, 1, hidden, 2), RandomTensors.uniform(random, -1, 1, 2)));
        Tensor x = RandomTensors.uniform(random, -1, 1, batch, in);
        Objective objective = Objective.loss(new HalfSquaredError(), RandomTensors.uniform(random, -1, 1, batch, 2));
        NetworkFunction f = new NetworkFunction(network, x, objective);

        for (Variable v : f.variables()) {
            Tensor u = RandomTensors.uniform(random, -1, 1, v.value().shape());
            double t = random.nextDouble(-0.5, 0.5);

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
    void numericGradientIsTheSameWhateverTheThreadCount(@ForAll long seed) {
        // GIVEN the 32-64-10 benchmark MLP's smaller cousin with enough entries for several chunks
        SplittableRandom random = new SplittableRandom(seed);
        Network network = Network.of(
                new Affine(RandomTensors.uniform(random, -1, 1, 12, 20), RandomTensors.uniform(random, -1, 1, 20)),
                new Sigmoid(),
                new Affine(RandomTensors.uniform(random, -1, 1, 20, 3), RandomTensors.uniform(random, -1, 1, 3)));
        NetworkFunction f = new NetworkFunction(network, RandomTensors.uniform(random, -1, 1, 3, 12),
                Objective.loss(new HalfSquaredError(), RandomTensors.uniform(random, 0, 1, 3, 3)));

        for (Variable v : f.variables()) {
            // WHEN the numeric gradient is computed with 1 and with 3 threads
            double[] sequential = new GradientChecker(CheckOptions.defaults().withParallelism(1)).numericGradient(f, v);
            double[] parallel = new GradientChecker(CheckOptions.defaults().withParallelism(3)).numericGradient(f, v);

            // THEN the results are identical to the last bit
            assertArrayEquals(sequential, parallel, 0.0, v.name());
            assertTrue(sequential.length == v.value().size());
        }
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
