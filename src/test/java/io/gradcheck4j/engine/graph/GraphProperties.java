package io.gradcheck4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
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
import net.jqwik.api.Tuple.Tuple3;

@GradientProperties
class GraphProperties {

    @Property(seed = "20261123", tries = 30)
    void aChainGraphHasTheGradientsOfTheEquivalentNetwork(@ForAll("chains") Tuple3<List<Tuple2<Tensor, Tensor>>, Tensor, Tensor> chain) {
        List<Layer> layers = new ArrayList<>();
        Graph.Builder builder = Graph.builder().input("x");
        String previous = "x";
        for (int i = 0; i < chain.get1().size(); i++) {
            Layer affine = new Affine(chain.get1().get(i).get1(), chain.get1().get(i).get2());
            Layer activation = i % 2 == 0 ? new Tanh() : new Sigmoid();
            layers.add(affine);
            layers.add(activation);
            builder.layer("l" + (2 * i), affine, previous).layer("l" + (2 * i + 1), activation, "l" + (2 * i));
            previous = "l" + (2 * i + 1);
        }
        Graph graph = builder.build(previous);
        Tensor x = chain.get2();
        Objective objective = Objective.upstream(chain.get3());
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
    void randomResidualDiamondsPassTheGradientCheck(@ForAll("diamonds") Tuple3<List<Tensor>, Tensor, Tensor> diamond) {
        // x fans out three ways: y = x + tanh(x A + a) * sigmoid(x B + b)
        List<Tensor> p = diamond.get1();
        Graph graph = Graph.builder()
                .input("x")
                .layer("p", new Affine(p.get(0), p.get(1)), "x")
                .layer("tp", new Tanh(), "p")
                .layer("q", new Affine(p.get(2), p.get(3)), "x")
                .layer("sq", new Sigmoid(), "q")
                .multiply("gate", "tp", "sq")
                .add("y", "x", "gate")
                .build("y");
        GraphFunction f = new GraphFunction(graph, Map.of("x", diamond.get2()), Objective.upstream(diamond.get3()));
        CheckReport report = new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(f);
        assertTrue(report.passed(), () -> report.mismatches().toString());
    }

    /** 1-4 affine layers width -> width (1-4) with (W, b) in [-1, 1], an input [2, width] in [-2, 2] and an upstream in [-1, 1]. */
    @Provide
    Arbitrary<Tuple3<List<Tuple2<Tensor, Tensor>>, Tensor, Tensor>> chains() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4)).flatAs((depth, width) ->
                Combinators.combine(Combinators.combine(values(1, width, width), values(1, width)).as(Tuple::of).list().ofSize(depth),
                        values(2, 2, width), values(1, 2, width)).as(Tuple::of));
    }

    /** A, a, B, b in [-1, 1] for width 1-4, an input [batch 1-3, width] in [-2, 2] and an upstream in [-1, 1]. */
    @Provide
    Arbitrary<Tuple3<List<Tensor>, Tensor, Tensor>> diamonds() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3)).flatAs((width, batch) ->
                Combinators.combine(Combinators.combine(values(1, width, width), values(1, width), values(1, width, width), values(1, width)).as(List::of),
                        values(2, batch, width), values(1, batch, width)).as(Tuple::of));
    }

    /** Tensors of {@code shape} with entries in [-bound, bound] and 6 decimals. */
    private static Arbitrary<Tensor> values(double bound, int... shape) {
        return Tensors.of(shape).between(-bound, bound).decimals(6);
    }
}
