package io.gradcheck4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.Differentiable;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.functions.GraphFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class GraphTest {
    private static final double EPS = 1e-12;
    private static final GradientChecker CHECKER = new GradientChecker(CheckOptions.defaults().withParallelism(1));

    private static Affine scalarAffine(double w, double b) {
        return new Affine(Tensor.matrix(new double[] {w}), Tensor.vector(b));
    }

    private static Tensor one(double v) {
        return Tensor.matrix(new double[] {v});
    }

    /** The gradient check of {@code graph} at x ~ U[-2, 2) of {@code inputShape}, upstream dy ~ U[-1, 1) of {@code outputShape}. */
    private static CheckReport checkOnRandomInput(Graph graph, SplittableRandom random, int[] inputShape, int[] outputShape) {
        Tensor x = RandomTensors.uniform(random, -2, 2, inputShape);
        return CHECKER.check(new GraphFunction(graph, Map.of("x", x), Objective.upstream(RandomTensors.uniform(random, -1, 1, outputShape))));
    }

    /** x fans out to u = p x + bu and v = q x + bv, joined by y = u * v. */
    private static Graph diamond() {
        return Graph.builder()
                .input("x")
                .layer("u", scalarAffine(2, 0), "x")
                .layer("v", scalarAffine(-1, 0), "x")
                .multiply("y", "u", "v")
                .build("y");
    }

    @Test
    void aReluNodeExactlyOnItsKinkIsNonDifferentiableAndNamed() {
        // GIVEN x = [1, -1] into node a = affine with W = [1, 1]^T, b = 0 (so a = 0 exactly), then node r = relu(a)
        Graph graph = Graph.builder().input("x")
                .layer("a", new Affine(Tensor.matrix(new double[] {1}, new double[] {1}), Tensor.vector(0)), "x")
                .layer("r", new ReLU(), "a")
                .add("s", "r", "a")
                .build("s");
        GraphFunction f = new GraphFunction(graph, Map.of("x", Tensor.matrix(new double[] {1, -1})), Objective.upstream(Tensor.matrix(new double[] {1})));

        // WHEN checked in full mode
        CheckReport report = CHECKER.check(f);

        // THEN nothing fails, and all 5 entries (2 inputs, 2 weights, the bias), each moving a off 0 either way,
        // are non-differentiable because node r (relu) changes branch within the stencil
        assertTrue(report.passed(), report.toString());
        assertEquals(0, report.failures());
        assertEquals(5, report.nonDifferentiable());
        assertEquals(5, report.kinks().size());
        for (Mismatch kink : report.kinks()) {
            assertTrue(kink.message().contains("node r (relu)"), kink.message());
        }
    }

    @Test
    void diamondSumsBothPathsIntoTheFannedOutInput() {
        // GIVEN y = (p x)(q x) with p = 2, q = -1 at x = 3
        Graph graph = diamond();
        Map<String, Tensor> inputs = Map.of("x", one(3));
        // WHEN
        Map<String, Tensor> values = graph.evaluate(inputs);
        Map<String, Tensor> grads = graph.gradients(inputs, Objective.upstream(one(1)));
        // THEN y = p q x^2 = -18; dy/dx = 2 p q x = -12 (both paths: q*u*... = p*v + q*u = 2*(-3) + (-1)*6)
        assertEquals(-18, values.get("y").item(), EPS);
        assertEquals(-12, grads.get("inputs.x").item(), EPS);
        // dy/dp = v x = q x^2 = -9, dy/dq = u x = p x^2 = 18, dy/dbu = v = -3, dy/dbv = u = 6
        assertEquals(-9, grads.get("nodes.u.weight").item(), EPS);
        assertEquals(18, grads.get("nodes.v.weight").item(), EPS);
        assertEquals(-3, grads.get("nodes.u.bias").item(), EPS);
        assertEquals(6, grads.get("nodes.v.bias").item(), EPS);
        assertEquals(List.of("inputs.x", "nodes.u.weight", "nodes.u.bias", "nodes.v.weight", "nodes.v.bias"), new ArrayList<>(grads.keySet()));
    }

    @Test
    void diamondPassesTheGradientCheck() {
        // GIVEN the diamond as a checked function
        GraphFunction f = new GraphFunction(diamond(), Map.of("x", one(3)), Objective.upstream(one(1)));
        // WHEN
        CheckReport report = CHECKER.check(f);
        // THEN input and all four parameters pass
        assertTrue(report.passed(), () -> report.mismatches().toString());
        assertEquals(5, report.tensors().size());
    }

    @Test
    void checkerCatchesABackwardThatOverwritesAtFanOut() {
        // GIVEN the diamond with a broken backward that overwrites the gradient of a fanned-out value
        GraphFunction correct = new GraphFunction(diamond(), Map.of("x", one(3)), Objective.upstream(one(1)));
        Differentiable broken = new OverwritingAtFanOut(correct);
        // WHEN
        CheckReport report = CHECKER.check(broken);
        // THEN only the input x fails: analytic keeps one path, p * dJ/du = 2 * (-3) = -6, numeric is -12
        assertFalse(report.passed());
        List<Mismatch> mismatches = report.mismatches();
        assertEquals(1, mismatches.size());
        assertEquals("inputs.x", mismatches.get(0).variable());
        assertEquals(-6, mismatches.get(0).analytic(), EPS);
        assertEquals(-12, mismatches.get(0).numeric(), 1e-6);
        assertTrue(report.tensors().stream().filter(t -> !t.variable().equals("inputs.x")).allMatch(TensorReport::passed));
    }

    @Test
    void residualBlockGradientMatchesTheClosedForm() {
        // GIVEN y = x + c tanh(a x + b1) + b2 with a = 2, b1 = 0.25, c = -1.5, b2 = 0.1 at x = 0.5
        Graph graph = Graph.builder()
                .input("x")
                .layer("h", scalarAffine(2, 0.25), "x")
                .layer("t", new Tanh(), "h")
                .layer("f", scalarAffine(-1.5, 0.1), "t")
                .add("y", "x", "f")
                .build("y");
        Map<String, Tensor> inputs = Map.of("x", one(0.5));
        // WHEN
        Map<String, Tensor> grads = graph.gradients(inputs, Objective.upstream(one(1)));
        // THEN dy/dx = 1 + c a (1 - tanh^2(1.25)); dy/da = c (1 - t^2) x; dy/db1 = c (1 - t^2); dy/dc = t; dy/db2 = 1
        double t = Math.tanh(1.25);
        assertEquals(0.5 - 1.5 * t + 0.1, graph.forward(inputs).item(), EPS);
        assertEquals(1 + (-1.5) * 2 * (1 - t * t), grads.get("inputs.x").item(), EPS);
        assertEquals(-1.5 * (1 - t * t) * 0.5, grads.get("nodes.h.weight").item(), EPS);
        assertEquals(-1.5 * (1 - t * t), grads.get("nodes.h.bias").item(), EPS);
        assertEquals(t, grads.get("nodes.f.weight").item(), EPS);
        assertEquals(1, grads.get("nodes.f.bias").item(), EPS);
    }

    @Test
    void wideResidualBlockPassesTheGradientCheck() {
        // GIVEN y = x + W2 sigmoid(W1 x + b1) + b2 on a random batch of 3 rows of width 4
        SplittableRandom random = new SplittableRandom(5);
        Graph graph = Graph.builder()
                .input("x")
                .layer("h", new Affine(RandomTensors.uniform(random, -1, 1, 4, 3), RandomTensors.uniform(random, -1, 1, 3)), "x")
                .layer("s", new Sigmoid(), "h")
                .layer("f", new Affine(RandomTensors.uniform(random, -1, 1, 3, 4), RandomTensors.uniform(random, -1, 1, 4)), "s")
                .add("y", "x", "f")
                .build("y");
        // WHEN
        CheckReport report = checkOnRandomInput(graph, random, new int[] {3, 4}, new int[] {3, 4});
        // THEN
        assertTrue(report.passed(), () -> report.mismatches().toString());
        assertEquals(12 + 12 + 3 + 12 + 4, report.checked());
    }

    @Test
    void fanOutCircuitAsScalarGraph() {
        // GIVEN the chain-rule post's fan-out circuit f = x*y + x at x = -1.5, y = 4 on rank-0 tensors
        Graph graph = Graph.builder().input("x").input("y").multiply("xy", "x", "y").add("f", "xy", "x").build("f");
        Map<String, Tensor> inputs = Map.of("x", Tensor.scalar(-1.5), "y", Tensor.scalar(4));
        // WHEN
        Map<String, Tensor> values = graph.evaluate(inputs);
        GraphGradients grads = graph.backward(values, Tensor.scalar(1));
        // THEN value -7.5, df/dx = y + 1 = 5, df/dy = x = -1.5, df/dxy = 1 (the fixture's hand derivation)
        assertEquals(-7.5, values.get("f").item(), EPS);
        assertEquals(5, grads.values().get("x").item(), EPS);
        assertEquals(-1.5, grads.values().get("y").item(), EPS);
        assertEquals(1, grads.values().get("xy").item(), EPS);
    }

    @Test
    void valueUsedTwiceByOneNodeGetsBothContributions() {
        // GIVEN y = x * x (the same argument twice) at x = [3, -2]
        Graph graph = Graph.builder().input("x").multiply("y", "x", "x").build("y");
        // WHEN
        Map<String, Tensor> grads = graph.gradients(Map.of("x", Tensor.vector(3, -2)), Objective.upstream(Tensor.vector(1, 1)));
        // THEN dy/dx = 2x
        assertEquals(Tensor.vector(6, -4), grads.get("inputs.x"));
    }

    @Test
    void concatSplitsTheUpstreamGradient() {
        // GIVEN y = concat([u, v], axis 1) with u [2, 1] and v [2, 2]
        Graph graph = Graph.builder().input("u").input("v").concat("y", 1, "u", "v").build("y");
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("u", Tensor.matrix(new double[] {1}, new double[] {2}));
        inputs.put("v", Tensor.matrix(new double[] {3, 4}, new double[] {5, 6}));
        Tensor upstream = Tensor.matrix(new double[] {10, 20, 30}, new double[] {40, 50, 60});
        // WHEN
        Tensor y = graph.forward(inputs);
        Map<String, Tensor> grads = graph.gradients(inputs, Objective.upstream(upstream));
        // THEN rows are joined, and the upstream columns go back to their sources
        assertEquals(Tensor.matrix(new double[] {1, 3, 4}, new double[] {2, 5, 6}), y);
        assertEquals(Tensor.matrix(new double[] {10}, new double[] {40}), grads.get("inputs.u"));
        assertEquals(Tensor.matrix(new double[] {20, 30}, new double[] {50, 60}), grads.get("inputs.v"));
    }

    @Test
    void concatOfTwoBranchesPassesTheGradientCheck() {
        // GIVEN x fans out to two affine branches joined by concat along axis 0 and a product with x
        SplittableRandom random = new SplittableRandom(9);
        Graph graph = Graph.builder()
                .input("x")
                .layer("a", new Affine(RandomTensors.uniform(random, -1, 1, 3, 3), RandomTensors.uniform(random, -1, 1, 3)), "x")
                .layer("b", new Tanh(), "x")
                .concat("c", 0, "a", "b")
                .concat("xx", 0, "x", "x")
                .multiply("y", "c", "xx")
                .build("y");
        // WHEN
        CheckReport report = checkOnRandomInput(graph, random, new int[] {2, 3}, new int[] {4, 3});
        // THEN
        assertTrue(report.passed(), () -> report.mismatches().toString());
    }

    @Test
    void valuesOffThePathToTheOutputGetZeroGradients() {
        // GIVEN an input and a node that the output ignores
        Graph graph = Graph.builder().input("x").input("unused").layer("dead", scalarAffine(5, 1), "unused")
                .layer("y", new Tanh(), "x").build("y");
        // WHEN
        Map<String, Tensor> grads = graph.gradients(Map.of("x", one(0), "unused", one(2)), Objective.upstream(one(1)));
        // THEN tanh'(0) = 1; everything else 0
        assertEquals(1, grads.get("inputs.x").item(), EPS);
        assertEquals(0, grads.get("inputs.unused").item());
        assertEquals(0, grads.get("nodes.dead.weight").item());
        assertEquals(0, grads.get("nodes.dead.bias").item());
    }

    @Test
    void errorsNameTheNode() {
        // GIVEN / WHEN / THEN a reference to a later or unknown node is rejected by the builder
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder().input("x").add("y", "x", "z"));
        assertTrue(unknown.getMessage().contains("z"), unknown.getMessage());
        // and a shape mismatch at run time names the node and its op
        Graph graph = Graph.builder().input("a").input("b").add("sum", "a", "b").build("sum");
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> graph.forward(Map.of("a", Tensor.vector(1, 2), "b", Tensor.vector(1))));
        assertTrue(failure.getMessage().startsWith("node sum (add): forward failed"), failure.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Graph.builder().input("x").input("x"));
        assertThrows(IllegalArgumentException.class, () -> Graph.builder().input("a.b"));
    }

    /**
     * A deliberately broken graph backward: identical to {@link Graph#backward} except that a value's gradient
     * is <em>overwritten</em> by each consumer instead of summed (the classic fan-out bug).
     */
    private static final class OverwritingAtFanOut implements Differentiable {
        private final GraphFunction correct;

        OverwritingAtFanOut(GraphFunction correct) {
            this.correct = correct;
        }

        @Override
        public String describe() {
            return "overwriting " + correct.describe();
        }

        @Override
        public List<Variable> variables() {
            return correct.variables();
        }

        @Override
        public Map<String, Tensor> analyticGradient() {
            Graph graph = correct.graph();
            Map<String, Tensor> values = graph.evaluate(correct.inputs());
            Map<String, Tensor> grads = new LinkedHashMap<>();
            grads.put(graph.output(), Tensor.filled(1, values.get(graph.output()).shape()));
            Map<String, Tensor> named = new LinkedHashMap<>();
            List<Graph.Node> nodes = graph.nodes();
            for (int i = nodes.size() - 1; i >= 0; i--) {
                Graph.Node n = nodes.get(i);
                List<Tensor> args = n.args().stream().map(values::get).toList();
                NodeGradients g = n.op().backward(args, values.get(n.name()), grads.get(n.name()));
                for (int a = 0; a < args.size(); a++) {
                    grads.put(n.args().get(a), g.arguments().get(a));
                }
                g.parameters().forEach((p, t) -> named.put(Graph.parameterName(n.name(), p), t));
            }
            graph.inputs().forEach(in -> named.put(Graph.inputName(in), grads.get(in)));
            return named;
        }

        @Override
        public DoubleSupplier bind(String name, Tensor scratch) {
            return correct.bind(name, scratch);
        }
    }
}
