package io.gradcheck4j.engine.graph;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A computational graph: a DAG of named tensor values. Graph inputs are leaves; every node applies a
 * {@link GraphOp} (a {@link Layer}, {@link Add}, {@link Multiply}, {@link Concat}, ...) to inputs and
 * <em>earlier</em> nodes, so the order of definition is a topological order. One value (a node, or for the
 * identity graph an input) is the output.
 *
 * <p>Backward is reverse-mode differentiation: starting from dJ/d(output), nodes are visited in reverse
 * order and each passes its vector-Jacobian products to its arguments. A value used by several consumers
 * (fan-out, e.g. the x of a residual y = x + f(x)) receives the <em>sum</em> of their contributions,
 * dJ/dv = &Sigma;<sub>consumers c</sub> (&part;c/&part;v)<sup>T</sup> dJ/dc: the multivariable chain rule
 * (the chain-rule post's "backprop is the chain rule implemented with dynamic programming"). Overwriting instead of
 * adding is the classic fan-out bug.
 *
 * <p>Gradient names: {@code inputs.<name>} for a graph input, {@code nodes.<node>.<param>} for a parameter.
 * Names match {@code [A-Za-z_][A-Za-z0-9_]*} and are unique among inputs and nodes.
 */
public final class Graph {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String INPUTS = "inputs.";
    private static final String NODES = "nodes.";

    private final List<String> inputs;
    private final List<Node> nodes;
    private final String output;

    private Graph(List<String> inputs, List<Node> nodes, String output) {
        this.inputs = List.copyOf(inputs);
        this.nodes = List.copyOf(nodes);
        this.output = output;
    }

    /** A builder for a new graph. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name of the gradient of graph input {@code input}: {@code inputs.<input>}. */
    public static String inputName(String input) {
        return INPUTS + input;
    }

    /** The name of parameter {@code param} of node {@code node}: {@code nodes.<node>.<param>}. */
    public static String parameterName(String node, String param) {
        return NODES + node + "." + param;
    }

    /** The graph input names in definition order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The nodes in definition (topological) order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The name of the output (a node, or an input). */
    public String output() {
        return output;
    }

    /** The node named {@code name}. */
    public Node node(String name) {
        for (Node n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("graph has no node " + name);
    }

    /** Every parameter, keyed {@code nodes.<node>.<param>}, in node order. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (Node n : nodes) {
            for (Map.Entry<String, Tensor> p : n.op().parameters().entrySet()) {
                all.put(parameterName(n.name(), p.getKey()), p.getValue());
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** The same graph with some parameters of node {@code node} replaced. */
    public Graph withParameters(String node, Map<String, Tensor> replacements) {
        List<Node> copy = new ArrayList<>(nodes);
        for (int i = 0; i < copy.size(); i++) {
            Node n = copy.get(i);
            if (n.name().equals(node)) {
                copy.set(i, new Node(n.name(), n.op().withParameters(replacements), n.args()));
                return new Graph(inputs, copy, output);
            }
        }
        throw new IllegalArgumentException("graph has no node " + node);
    }

    /**
     * Every value of one forward pass: the inputs, then each node's output, by name in definition order.
     *
     * @throws NodeFailure when a node's op fails, naming the node
     */
    public Map<String, Tensor> evaluate(Map<String, Tensor> inputValues) {
        return evaluate(inputValues, Map.of());
    }

    /**
     * Every value of a forward pass in which the inputs and nodes named in {@code forced} take the given
     * values: a forced node ignores its arguments, the nodes downstream are recomputed from it. The output
     * as a function of a forced value v has the derivative &part;J/&part;v that {@link #backward} reports
     * for v.
     *
     * @throws NodeFailure when a node's op fails, naming the node
     */
    public Map<String, Tensor> evaluate(Map<String, Tensor> inputValues, Map<String, Tensor> forced) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (String name : inputs) {
            Tensor v = inputValues.get(name);
            if (v == null) {
                throw new IllegalArgumentException("graph input " + name + " has no value");
            }
            values.put(name, forced.getOrDefault(name, v));
        }
        for (String name : inputValues.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("graph has no input " + name + " (inputs: " + inputs + ")");
            }
        }
        for (Node n : nodes) {
            Tensor v = forced.get(n.name());
            values.put(n.name(), v != null ? v : forward(n, arguments(n, values)));
        }
        for (String name : forced.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("graph has no input or node " + name);
            }
        }
        return values;
    }

    /** The output value. */
    public Tensor forward(Map<String, Tensor> inputValues) {
        return evaluate(inputValues).get(output);
    }

    /**
     * The output value when only nodes from index {@code first} on need recomputing: earlier values are
     * taken from {@code cached}, the values of an {@link #evaluate} of this graph or of one that differs only
     * from node {@code first} on.
     */
    Tensor forwardFrom(int first, Map<String, Tensor> cached) {
        return evaluateFrom(first, cached).get(output);
    }

    /** Every value when only nodes from index {@code first} on need recomputing (see {@link #forwardFrom}). */
    public Map<String, Tensor> evaluateFrom(int first, Map<String, Tensor> cached) {
        Map<String, Tensor> values = new java.util.HashMap<>(cached);
        for (int i = first; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            values.put(n.name(), forward(n, arguments(n, values)));
        }
        return values;
    }

    /**
     * The branch pattern of node {@code index}'s op on its arguments among {@code values} (empty for smooth
     * ops, see {@link GraphOp#branchPattern}).
     */
    public int[] branchPattern(int index, Map<String, Tensor> values) {
        Node n = nodes.get(index);
        return n.op().branchPattern(arguments(n, values));
    }

    /**
     * The branch pattern of every piecewise node at {@code values} (as {@link #evaluate} returns them), by
     * node name in definition order; smooth nodes are left out.
     */
    public Map<String, int[]> branchPatterns(Map<String, Tensor> values) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            int[] pattern = branchPattern(i, values);
            if (pattern.length > 0) {
                out.put(nodes.get(i).name(), pattern);
            }
        }
        return out;
    }

    /** The position of node {@code name} in definition order. */
    public int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("graph has no node " + name);
    }

    /**
     * Reverse-mode backward pass over the values of {@link #evaluate}, given dJ/d(output): gradients of
     * every value (summed over consumers) and of every parameter.
     */
    public GraphGradients backward(Map<String, Tensor> values, Tensor outputGradient) {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put(output, outputGradient);
        Map<String, Tensor> parameterGrads = new LinkedHashMap<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            List<Tensor> args = arguments(n, values);
            Tensor dy = grads.computeIfAbsent(n.name(), k -> Tensor.zeros(values.get(k).shape()));
            NodeGradients g = backward(n, args, values.get(n.name()), dy);
            for (int a = 0; a < args.size(); a++) {
                grads.merge(n.args().get(a), g.arguments().get(a), Tensor::plus);
            }
            for (Map.Entry<String, Tensor> p : g.parameters().entrySet()) {
                parameterGrads.put(parameterName(n.name(), p.getKey()), p.getValue());
            }
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> v : values.entrySet()) {
            ordered.put(v.getKey(), grads.getOrDefault(v.getKey(), Tensor.zeros(v.getValue().shape())));
        }
        Map<String, Tensor> orderedParameters = new LinkedHashMap<>();
        for (String name : parameters().keySet()) {
            orderedParameters.put(name, parameterGrads.get(name));
        }
        return new GraphGradients(ordered, orderedParameters);
    }

    /**
     * Forward, then backward from &part;J/&part;(output): the gradient of J with respect to every graph input
     * ({@code inputs.<name>}) and every parameter ({@code nodes.<node>.<param>}).
     */
    public Map<String, Tensor> gradients(Map<String, Tensor> inputValues, Objective objective) {
        Map<String, Tensor> values = evaluate(inputValues);
        GraphGradients g = backward(values, objective.gradient(values.get(output)));
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (String input : inputs) {
            named.put(inputName(input), g.values().get(input));
        }
        named.putAll(g.parameters());
        return Collections.unmodifiableMap(named);
    }

    private static List<Tensor> arguments(Node n, Map<String, Tensor> values) {
        List<Tensor> args = new ArrayList<>(n.args().size());
        for (String a : n.args()) {
            args.add(values.get(a));
        }
        return args;
    }

    private static Tensor forward(Node n, List<Tensor> args) {
        Tensor y;
        try {
            y = n.op().forward(args);
        } catch (RuntimeException e) {
            throw new NodeFailure(n.name(), n.op().type(), "forward failed: " + e.getMessage(), e);
        }
        if (y == null) {
            throw new NodeFailure(n.name(), n.op().type(), "forward returned null", null);
        }
        return y;
    }

    private static NodeGradients backward(Node n, List<Tensor> args, Tensor y, Tensor dy) {
        NodeGradients g;
        try {
            g = n.op().backward(args, y, dy);
        } catch (RuntimeException e) {
            throw new NodeFailure(n.name(), n.op().type(), "backward failed: " + e.getMessage(), e);
        }
        if (g == null || g.arguments().size() != args.size()) {
            throw new NodeFailure(n.name(), n.op().type(), "backward returned " + (g == null ? "null" : g.arguments().size()
                    + " argument gradients") + " for " + args.size() + " arguments", null);
        }
        for (int a = 0; a < args.size(); a++) {
            if (!g.arguments().get(a).sameShape(args.get(a))) {
                throw new NodeFailure(n.name(), n.op().type(), "backward returned a gradient of shape "
                        + Arrays.toString(g.arguments().get(a).shape()) + " for argument " + n.args().get(a) + " of shape "
                        + Arrays.toString(args.get(a).shape()), null);
            }
        }
        for (Map.Entry<String, Tensor> p : n.op().parameters().entrySet()) {
            Tensor grad = g.parameters().get(p.getKey());
            if (grad == null || !grad.sameShape(p.getValue())) {
                throw new NodeFailure(n.name(), n.op().type(), "backward returned " + (grad == null ? "no gradient"
                        : "a gradient of shape " + Arrays.toString(grad.shape())) + " for parameter " + p.getKey()
                        + " of shape " + Arrays.toString(p.getValue().shape()), null);
            }
        }
        return g;
    }

    /**
     * One node: {@code name = op(args)}.
     *
     * @param name its unique name
     * @param op   the operation
     * @param args names of graph inputs or earlier nodes, in argument order (a name may repeat)
     */
    public record Node(String name, GraphOp op, List<String> args) {
        /** Copies the argument list. */
        public Node {
            args = List.copyOf(args);
        }
    }

    /** Builds a graph node by node; each node may only refer to inputs and nodes defined before it. */
    public static final class Builder {
        private final List<String> inputs = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        /** Declares a graph input. */
        public Builder input(String name) {
            claim(name);
            inputs.add(name);
            return this;
        }

        /** {@code name = op(args...)}. */
        public Builder node(String name, GraphOp op, String... args) {
            for (String a : args) {
                if (!names.contains(a)) {
                    throw new IllegalArgumentException("node " + name + " refers to " + a + ", which is not an input or an earlier node");
                }
            }
            claim(name);
            nodes.add(new Node(name, op, Arrays.asList(args)));
            return this;
        }

        /** {@code name = layer(arg)}. */
        public Builder layer(String name, Layer layer, String arg) {
            return node(name, new LayerOp(layer), arg);
        }

        /** {@code name = args[0] + args[1] + ...}. */
        public Builder add(String name, String... args) {
            return node(name, new Add(), args);
        }

        /** {@code name = args[0] * args[1] * ...} element-wise. */
        public Builder multiply(String name, String... args) {
            return node(name, new Multiply(), args);
        }

        /** {@code name = concat(args, axis)}. */
        public Builder concat(String name, int axis, String... args) {
            return node(name, new Concat(axis), args);
        }

        /** The graph whose output is {@code output}, a node or (the identity graph) an input. */
        public Graph build(String output) {
            if (!names.contains(output)) {
                throw new IllegalArgumentException("graph output " + output + " is not an input or a node");
            }
            return new Graph(inputs, nodes, output);
        }

        private void claim(String name) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("graph name " + name + " must match " + NAME.pattern());
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("graph name " + name + " is used twice");
            }
        }
    }
}
