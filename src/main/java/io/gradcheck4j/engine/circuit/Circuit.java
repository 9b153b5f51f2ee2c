package io.gradcheck4j.engine.circuit;

import io.gradcheck4j.engine.graph.Constant;
import io.gradcheck4j.engine.graph.Graph;
import io.gradcheck4j.engine.graph.GraphGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scalar computational graph (a circuit of gates, like the CS231n circuit): named inputs with values, gates evaluated in
 * order, each reading inputs, earlier gates or constants, and one output.
 *
 * <p>A circuit runs as a {@link Graph} on rank-0 tensors: every input and gate is a graph value, every
 * constant argument a {@link Constant} node, every gate its {@link Op}'s graph op. {@link #gradients()} is
 * that graph's reverse-mode backprop: starting from &part;out/&part;out = 1, each gate, last to first, adds
 * local derivative &times; its own gradient to each named argument, so a value used by several gates
 * (fan-out) receives the sum over its uses. The result holds &part;out/&part;v for every input and every
 * gate.
 *
 * <p>Immutable; build one with {@link #builder()}.
 */
public final class Circuit {
    private final List<String> names;
    private final double[] inputValues;
    private final List<Node> nodes;
    private final String output;
    private final Graph graph;
    private final Map<String, Tensor> graphInputs;

    private Circuit(Builder b, String output) {
        this.names = List.copyOf(b.names);
        this.inputValues = b.inputValues.stream().mapToDouble(Double::doubleValue).toArray();
        this.nodes = List.copyOf(b.nodes);
        this.output = output;
        Graph.Builder g = Graph.builder();
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (int i = 0; i < inputValues.length; i++) {
            g.input(graphName(i));
            in.put(graphName(i), Tensor.scalar(inputValues[i]));
        }
        this.graphInputs = Collections.unmodifiableMap(in);
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            List<Operand> args = node.args();
            double[] constants = new double[args.size()];
            List<String> graphArgs = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) {
                if (args.get(k) instanceof Operand.Ref ref) {
                    graphArgs.add(graphName(b.slots.get(ref.name())));
                } else {
                    constants[k] = ((Operand.Constant) args.get(k)).value();
                    if (!node.op().requiresConstant(k)) {
                        String constant = "c" + n + "_" + k;
                        g.node(constant, new Constant(Tensor.scalar(constants[k])));
                        graphArgs.add(constant);
                    }
                }
            }
            g.node(graphName(inputValues.length + n), node.op().graphOp(constants), graphArgs.toArray(String[]::new));
        }
        this.graph = g.build(graphName(b.slots.get(output)));
    }

    /** The graph name of slot {@code slot} (inputs, then nodes): circuit names need not be graph names. */
    private static String graphName(int slot) {
        return "v" + slot;
    }

    /** A builder: add inputs, then nodes in evaluation order, then name the output. */
    public static Builder builder() {
        return new Builder();
    }

    /** The input names with their values, in declaration order. */
    public Map<String, Double> inputs() {
        Map<String, Double> in = new LinkedHashMap<>();
        for (int i = 0; i < inputValues.length; i++) {
            in.put(names.get(i), inputValues[i]);
        }
        return Collections.unmodifiableMap(in);
    }

    /** The gates in evaluation order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The name of the output (a node or an input). */
    public String output() {
        return output;
    }

    /** Every name: the inputs, then the nodes. */
    public List<String> names() {
        return names;
    }

    /** Whether {@code name} is an input (rather than a node). */
    public boolean isInput(String name) {
        int slot = names.indexOf(name);
        return slot >= 0 && slot < inputValues.length;
    }

    /** The value of every input and node. */
    public Map<String, Double> values() {
        return byName(graph.evaluate(graphInputs));
    }

    /** The value of the output. */
    public double value() {
        return graph.forward(graphInputs).item();
    }

    /**
     * The output when the input or node {@code name} is forced to {@code replacement} (the gates it feeds are
     * recomputed; a forced node ignores its own arguments). Its derivative in {@code replacement} is the
     * gradient {@link #gradients()} reports for {@code name}.
     */
    public double valueWith(String name, double replacement) {
        return forcedWith(name, replacement).value();
    }

    /**
     * {@link #valueWith} together with the branch every piecewise gate (relu) takes there, so a finite
     * difference can tell when its stencil straddles a kink.
     */
    public Forced forcedWith(String name, double replacement) {
        Map<String, Tensor> forced = Map.of(graphName(slotOf(name)), Tensor.scalar(replacement));
        Map<String, Tensor> values = graph.evaluate(graphInputs, forced);
        Map<String, int[]> patterns = graph.branchPatterns(values);
        Map<String, int[]> branches = new LinkedHashMap<>();
        for (Node node : nodes) {
            int[] pattern = patterns.get(graphName(slotOf(node.name())));
            if (pattern != null) {
                branches.put(node.name(), pattern);
            }
        }
        return new Forced(values.get(graph.output()).item(), branches);
    }

    /**
     * The output with one input or gate forced, and the branch of every piecewise gate there.
     *
     * @param value    the output
     * @param branches gate name to its branch numbers (one per element, here one), piecewise gates only
     */
    public record Forced(double value, Map<String, int[]> branches) {
    }

    /**
     * &part;out/&part;v for every input and node v, by reverse-mode backprop. (A sum over uses is reported
     * as if started from +0, so it is never -0.)
     */
    public Map<String, Double> gradients() {
        GraphGradients g = graph.backward(graph.evaluate(graphInputs), Tensor.scalar(1.0));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int slot = 0; slot < names.size(); slot++) {
            out.put(names.get(slot), 0.0 + g.values().get(graphName(slot)).item());
        }
        return Collections.unmodifiableMap(out);
    }

    private int slotOf(String name) {
        int slot = names.indexOf(name);
        if (slot < 0) {
            throw new IllegalArgumentException("the circuit has no input or node named '" + name + "'");
        }
        return slot;
    }

    private Map<String, Double> byName(Map<String, Tensor> graphValues) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int slot = 0; slot < names.size(); slot++) {
            out.put(names.get(slot), graphValues.get(graphName(slot)).item());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(inputs()).append("; ");
        nodes.forEach(n -> sb.append(n).append("; "));
        return sb.append("output ").append(output).toString();
    }

    /**
     * Builds a {@link Circuit}, rejecting (with {@link IllegalArgumentException}) duplicate names, gates
     * with the wrong number of arguments, references to undefined or later names (which also rules out
     * cycles) and a non-constant exponent of {@code pow}.
     */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Double> inputValues = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Integer> slots = new HashMap<>();

        private Builder() {
        }

        /** Adds an input; all inputs must come before the first node. */
        public Builder input(String name, double value) {
            if (!nodes.isEmpty()) {
                throw new IllegalStateException("inputs must be added before the nodes");
            }
            define(name);
            inputValues.add(value);
            return this;
        }

        /** Adds the gate {@code name = op(args)}; every referenced name must already be defined. */
        public Builder node(String name, Op op, List<Operand> args) {
            if (!op.acceptsArgCount(args.size())) {
                throw new IllegalArgumentException("node " + name + ": " + op.label() + " takes " + op.arity() + ", got " + args.size());
            }
            for (int k = 0; k < args.size(); k++) {
                Operand a = args.get(k);
                if (op.requiresConstant(k) && !(a instanceof Operand.Constant)) {
                    throw new IllegalArgumentException("node " + name + ": argument " + k + " of " + op.label() + " must be a numeric constant");
                }
                if (a instanceof Operand.Ref ref && !isDefined(ref.name())) {
                    throw new IllegalArgumentException("node " + name + ": argument '" + ref.name() + "' is not an input or an earlier node");
                }
            }
            define(name);
            nodes.add(new Node(name, op, args));
            return this;
        }

        /** Convenience: a gate whose arguments are all references. */
        public Builder node(String name, Op op, String... args) {
            return node(name, op, java.util.Arrays.stream(args).map(Operand::ref).toList());
        }

        /** Whether {@code name} is an input or node added so far. */
        public boolean isDefined(String name) {
            return slots.containsKey(name);
        }

        /** The circuit whose output is {@code output}. */
        public Circuit build(String output) {
            if (!isDefined(output)) {
                throw new IllegalArgumentException("output '" + output + "' is not an input or a node");
            }
            return new Circuit(this, output);
        }

        private void define(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("names must be non-empty");
            }
            if (slots.putIfAbsent(name, names.size()) != null) {
                throw new IllegalArgumentException("name '" + name + "' is defined twice");
            }
            names.add(name);
        }
    }
}
