package io.gradcheck4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.functions.GraphFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class GraphProperties {

    @Property(seed = "20261123", tries = 30)
    void aChainGraphHasTheGradientsOfTheEquivalentNetwork(@ForAll @IntRange(min = 1, max = 4) int depth,
                                                         @ForAll @IntRange(min = 1, max = 4) int width,
                                                         @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        Graph.Builder builder = Graph.builder().input("x");
        String previous = "x";
        for (int i = 0; i < depth; i++) {
            Layer affine = new Affine(RandomTensors.uniform(random, -1, 1, width, width), RandomTensors.uniform(random, -1, 1, width));
            Layer activation = i % 2 == 0 ? new Tanh() : new Sigmoid();
            layers.add(affine);
            layers.add(activation);
            builder.layer("l" + (2 * i), affine, previous).layer("l" + (2 * i + 1), activation, "l" + (2 * i));
            previous = "l" + (2 * i + 1);
        }
        Graph graph = builder.build(previous);
        Tensor x = RandomTensors.uniform(random, -2, 2, 2, width);
        Objective objective = Objective.upstream(RandomTensors.uniform(random, -1, 1, 2, width));
        Map<String, Tensor> viaNetwork = new Network(layers).gradients(x, objective);
        Map<String, Tensor> viaGraph = graph.gradients(Map.of("x", x), objective);
        assertEquals(viaNetwork.get(Network.INPUT), viaGraph.get("inputs.x"));
        for (int i = 0; i < layers.size(); i++) {
            for (String p : layers.get(i).parameters().keySet()) {
                assertEquals(viaNetwork.get(Network.parameterName(i, p)), viaGraph.get(Graph.parameterName("l" + i, p)));
            }
        }
    }

    @Property(seed = "20261123", tries = 20)
    void randomResidualDiamondsPassTheGradientCheck(@ForAll @IntRange(min = 1, max = 4) int width,
                                                    @ForAll @IntRange(min = 1, max = 3) int batch,
                                                    @ForAll long seed) {
        // x fans out three ways: y = x + tanh(x A + a) * sigmoid(x B + b)
        SplittableRandom random = new SplittableRandom(seed);
        Graph graph = Graph.builder()
                .input("x")
                .layer("p", new Affine(RandomTensors.uniform(random, -1, 1, width, width), RandomTensors.uniform(random, -1, 1, width)), "x")
                .layer("tp", new Tanh(), "p")
                .layer("q", new Affine(RandomTensors.uniform(random, -1, 1, width, width), RandomTensors.uniform(random, -1, 1, width)), "x")
                .layer("sq", new Sigmoid(), "q")
                .multiply("gate", "tp", "sq")
                .add("y", "x", "gate")
                .build("y");
        GraphFunction f = new GraphFunction(graph, Map.of("x", RandomTensors.uniform(random, -2, 2, batch, width)),
                Objective.upstream(RandomTensors.uniform(random, -1, 1, batch, width)));
        CheckReport report = new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(f);
        assertTrue(report.passed(), () -> report.mismatches().toString());
    }
}
