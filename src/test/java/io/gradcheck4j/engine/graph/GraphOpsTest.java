package io.gradcheck4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.functions.GraphFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphOpsTest {
    private static final double EPS = 1e-12;

    /** f = -(a/b - a)<sup>2</sup> + a<sup>3</sup> + exp(ln b) + 1, element-wise, using every scalar op once. */
    private static Graph everyScalarOp() {
        return Graph.builder().input("a").input("b")
                .node("d", new Divide(), "a", "b")
                .node("s", new Subtract(), "d", "a")
                .layer("q", new Square(), "s")
                .layer("n", new Negate(), "q")
                .layer("p", new Power(3), "a")
                .layer("l", new Log(), "b")
                .layer("e", new Exp(), "l")
                .node("one", new Constant(Tensor.vector(1, 1)))
                .add("f", "n", "p", "e", "one")
                .build("f");
    }

    private static Map<String, Tensor> everyScalarOpInputs() {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("a", Tensor.vector(2, 4));
        inputs.put("b", Tensor.vector(0.5, 2));
        return inputs;
    }

    @Test
    void scalarOpsMatchTheirClosedForms() {
        // GIVEN f = -(a/b - a)^2 + a^3 + exp(ln b) + 1 at (a, b) = (2, 0.5) and (4, 2)
        Graph graph = everyScalarOp();
        // WHEN
        Tensor f = graph.forward(everyScalarOpInputs());
        Map<String, Tensor> g = graph.gradients(everyScalarOpInputs(), Objective.upstream(Tensor.vector(1, 1)));
        // THEN f = -4 + 8 + 0.5 + 1 = 5.5 and -4 + 64 + 2 + 1 = 63;
        //      df/da = -2(a/b - a)(1/b - 1) + 3a^2 = -4 + 12 = 8 and -2 + 48 = 46;
        //      df/db = -2(a/b - a)(-a/b^2) + 1 = 32 + 1 = 33 and -4 + 1 = -3
        assertEquals(5.5, f.get(0), EPS);
        assertEquals(63, f.get(1), EPS);
        assertEquals(8, g.get("inputs.a").get(0), EPS);
        assertEquals(46, g.get("inputs.a").get(1), EPS);
        assertEquals(33, g.get("inputs.b").get(0), EPS);
        assertEquals(-3, g.get("inputs.b").get(1), EPS);
    }

    @Test
    void powerZeroIsConstantSoItsGradientIsZeroEvenAtZero() {
        // GIVEN f = a^0 + 3a at a = (0, 2): a^0 = 1 is constant, so df/da = 0 + 3 (at a = 0 the formula
        //       p a^(p-1) would be 0 * Infinity = NaN and wipe out the 3 from the other path)
        Graph graph = Graph.builder().input("a")
                .layer("p", new Power(0), "a")
                .node("three", new Constant(Tensor.vector(3, 3)))
                .node("t", new Multiply(), "three", "a")
                .add("f", "p", "t")
                .build("f");
        Map<String, Tensor> inputs = Map.of("a", Tensor.vector(0, 2));
        // WHEN
        Map<String, Tensor> g = graph.gradients(inputs, Objective.upstream(Tensor.vector(1, 1)));
        // THEN
        assertEquals(3, g.get("inputs.a").get(0), 0);
        assertEquals(3, g.get("inputs.a").get(1), 0);
    }

    @Test
    void scalarOpsPassTheGradientCheck() {
        // GIVEN the graph using every scalar op
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(1));
        // WHEN
        CheckReport report = checker.check(new GraphFunction(everyScalarOp(), everyScalarOpInputs(), Objective.upstream(Tensor.vector(0.5, -1))));
        // THEN both entries of both inputs are checked and agree
        assertTrue(report.passed(), () -> report.mismatches().toString());
        assertEquals(4, report.checked());
    }

    @Test
    void forcedValuesReplaceANodeOrAnInputAndFeedWhatFollows() {
        // GIVEN z = x^2 + x at x = 3
        Graph graph = Graph.builder().input("x").layer("y", new Square(), "x").add("z", "y", "x").build("z");
        Map<String, Tensor> inputs = Map.of("x", Tensor.scalar(3));
        // WHEN y is forced to 10, then x to 1
        Map<String, Tensor> forcedNode = graph.evaluate(inputs, Map.of("y", Tensor.scalar(10)));
        Map<String, Tensor> forcedInput = graph.evaluate(inputs, Map.of("x", Tensor.scalar(1)));
        // THEN z = 10 + 3, ignoring y's own argument; z = 1 + 1, y recomputed
        assertEquals(13, forcedNode.get("z").item());
        assertEquals(1, forcedInput.get("y").item());
        assertEquals(2, forcedInput.get("z").item());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.evaluate(inputs, Map.of("w", Tensor.scalar(0))))
                .getMessage().contains("no input or node w"));
    }

    @Test
    void anInputCanBeTheOutput() {
        // GIVEN the identity graph on x, with a node the output ignores
        Graph graph = Graph.builder().input("x").layer("t", new Tanh(), "x").build("x");
        Map<String, Tensor> values = graph.evaluate(Map.of("x", Tensor.scalar(0.5)));
        // WHEN
        GraphGradients g = graph.backward(values, Tensor.scalar(1));
        // THEN out = x, d out/dx = 1 and the unused node gets 0
        assertEquals(0.5, graph.forward(Map.of("x", Tensor.scalar(0.5))).item());
        assertEquals(1, g.values().get("x").item());
        assertEquals(0, g.values().get("t").item());
    }

    @Test
    void binaryOpsAndConstantsRejectOtherArgumentCounts() {
        // GIVEN a subtract of three values and a constant given an argument
        Map<String, Tensor> inputs = Map.of("x", Tensor.scalar(1));
        Graph subtract = Graph.builder().input("x").node("y", new Subtract(), "x", "x", "x").build("y");
        Graph constant = Graph.builder().input("x").node("c", new Constant(Tensor.scalar(2)), "x").build("c");
        // WHEN / THEN the node failures name the op's arity
        assertTrue(assertThrows(NodeFailure.class, () -> subtract.evaluate(inputs)).getMessage().contains("at most 2 arguments, got 3"));
        assertTrue(assertThrows(NodeFailure.class, () -> constant.evaluate(inputs)).getMessage().contains("no arguments, got 1"));
    }
}
