package io.gradcheck4j.functions;

import io.gradcheck4j.check.BranchPattern;
import io.gradcheck4j.check.Differentiable;
import io.gradcheck4j.check.Evaluation;
import io.gradcheck4j.check.Probe;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.graph.Graph;
import io.gradcheck4j.engine.graph.LayerOp;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * f = J(graph(inputs; &theta;)): a {@link Graph}, values for its inputs and an objective on its output, as a
 * {@link Differentiable} the gradient checker checks exactly like a network. Its variables are every graph
 * input, named {@code inputs.<name>}, then every parameter, named {@code nodes.<node>.<param>}; the analytic
 * gradient is one {@link Graph#backward} pass. Perturbing a parameter of node k re-runs only nodes k, k+1, ...
 * on the cached values of the earlier ones, on a graph rebuilt by {@code withParameters} with a fresh tensor per
 * evaluation (so a layer node that copies its parameters sees every perturbation). Its own ops are pure; f is
 * {@link #threadSafe()} when every layer node's layer is {@link Pure} and the objective is thread-safe.
 */
public final class GraphFunction implements Differentiable {
    private final Graph graph;
    private final Map<String, Tensor> inputs;
    private final Objective objective;

    /** f = objective(graph(inputs)); {@code inputs} must give every graph input a value. */
    public GraphFunction(Graph graph, Map<String, Tensor> inputs, Objective objective) {
        this.graph = graph;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.objective = objective;
        graph.evaluate(this.inputs);
    }

    /** The graph. */
    public Graph graph() {
        return graph;
    }

    /** The input values by input name. */
    public Map<String, Tensor> inputs() {
        return inputs;
    }

    /** The objective. */
    public Objective objective() {
        return objective;
    }

    @Override
    public String describe() {
        List<String> ops = new ArrayList<>();
        for (Graph.Node n : graph.nodes()) {
            ops.add(n.name() + " = " + n.op().type() + "(" + String.join(", ", n.args()) + ")");
        }
        return "graph [" + String.join("; ", ops) + "] -> " + graph.output() + " | " + objective.describe();
    }

    @Override
    public List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        for (String input : graph.inputs()) {
            vars.add(new Variable(Graph.inputName(input), "graph input " + input, inputs.get(input)));
        }
        for (Graph.Node n : graph.nodes()) {
            for (Map.Entry<String, Tensor> p : n.op().parameters().entrySet()) {
                vars.add(new Variable(Graph.parameterName(n.name(), p.getKey()),
                        "node " + n.name() + " (" + n.op().type() + ") parameter " + p.getKey(), p.getValue()));
            }
        }
        return vars;
    }

    /** True iff every layer node holds a {@link Pure} layer and the objective is thread-safe. */
    @Override
    public boolean threadSafe() {
        return objective.threadSafe() && graph.nodes().stream()
                .allMatch(n -> !(n.op() instanceof LayerOp op) || op.layer() instanceof Pure);
    }

    @Override
    public Map<String, Tensor> analyticGradient() {
        return graph.gradients(inputs, objective);
    }

    @Override
    public DoubleSupplier bind(String name, Tensor scratch) {
        Perturbation p = perturbation(name, scratch);
        return () -> objective.value(p.pass().get().values().get(graph.output()));
    }

    /**
     * Evaluates f with the branch pattern of every piecewise node from the first one the variable reaches
     * on, and of the objective: stages {@code node <name> (<type>)} and {@code loss (<objective>)}; smooth
     * nodes are left out.
     */
    @Override
    public Probe probe(String name, Tensor scratch) {
        Perturbation p = perturbation(name, scratch);
        return () -> {
            Pass pass = p.pass().get();
            Map<String, Tensor> values = pass.values();
            List<Graph.Node> nodes = pass.graph().nodes();
            List<BranchPattern> branches = new ArrayList<>();
            for (int i = p.first(); i < nodes.size(); i++) {
                int[] pattern = pass.graph().branchPattern(i, values);
                if (pattern.length > 0) {
                    Graph.Node n = nodes.get(i);
                    branches.add(new BranchPattern("node " + n.name() + " (" + n.op().type() + ")", pattern));
                }
            }
            Tensor y = values.get(graph.output());
            int[] lossPattern = objective.branchPattern(y);
            if (lossPattern.length > 0) {
                branches.add(new BranchPattern("loss (" + objective.describe() + ")", lossPattern));
            }
            return new Evaluation(objective.value(y), branches);
        };
    }

    /** Variable {@code name} bound to {@code scratch}: the graph to run, from which node, on which values. */
    private Perturbation perturbation(String name, Tensor scratch) {
        String[] parts = name.split("\\.", -1);
        if (parts.length == 2 && parts[0].equals("inputs") && inputs.containsKey(parts[1])) {
            Map<String, Tensor> perturbed = new LinkedHashMap<>(inputs);
            perturbed.put(parts[1], scratch);
            return new Perturbation(0, () -> new Pass(graph, graph.evaluate(perturbed)));
        }
        if (parts.length == 3 && parts[0].equals("nodes")) {
            graph.withParameters(parts[1], Map.of(parts[2], scratch)); // fails now, naming the node, if it is not there
            int first = graph.indexOf(parts[1]);
            Map<String, Tensor> cached = graph.evaluate(inputs);
            return new Perturbation(first, () -> {
                Tensor copy = Tensor.wrap(scratch.toArray(), scratch.shape());
                Graph perturbed = graph.withParameters(parts[1], Map.of(parts[2], copy));
                return new Pass(perturbed, perturbed.evaluateFrom(first, cached));
            });
        }
        throw new IllegalArgumentException("no variable " + name);
    }

    /**
     * How to evaluate f with one variable bound to scratch.
     *
     * @param first  the first node the variable reaches
     * @param pass   a forward pass at the scratch tensor's current values
     */
    private record Perturbation(int first, Supplier<Pass> pass) {
    }

    /**
     * One forward pass.
     *
     * @param graph   the graph with the perturbed parameter (or the graph itself for an input)
     * @param values  every value of the pass
     */
    private record Pass(Graph graph, Map<String, Tensor> values) {
    }
}
