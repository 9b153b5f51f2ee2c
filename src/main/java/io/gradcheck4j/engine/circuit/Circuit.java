package io.gradcheck4j.engine.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scalar computational graph (seed 000's circuit of gates): named inputs with values, gates evaluated in
 * order, each reading inputs, earlier gates or constants, and one output.
 *
 * <p>{@link #gradients()} is reverse-mode backprop: starting from &part;out/&part;out = 1, each gate, last
 * to first, adds local derivative &times; its own gradient to each named argument, so a value used by
 * several gates (fan-out) receives the sum over its uses. The result holds &part;out/&part;v for every
 * input and every gate.
 *
 * <p>Immutable; build one with {@link #builder()}.
 */
public final class Circuit {
    private final List<String> names;
    private final double[] inputValues;
    private final List<Node> nodes;
    private final String output;
    private final int outputSlot;
    private final int[][] argSlots;
    private final double[][] constants;

    private Circuit(Builder b, String output) {
        this.names = List.copyOf(b.names);
        this.inputValues = b.inputValues.stream().mapToDouble(Double::doubleValue).toArray();
        this.nodes = List.copyOf(b.nodes);
        this.output = output;
        this.outputSlot = b.slots.get(output);
        this.argSlots = new int[nodes.size()][];
        this.constants = new double[nodes.size()][];
        for (int n = 0; n < nodes.size(); n++) {
            List<Operand> args = nodes.get(n).args();
            argSlots[n] = new int[args.size()];
            constants[n] = new double[args.size()];
            for (int k = 0; k < args.size(); k++) {
                if (args.get(k) instanceof Operand.Ref ref) {
                    argSlots[n][k] = b.slots.get(ref.name());
                } else {
                    argSlots[n][k] = -1;
                    constants[n][k] = ((Operand.Constant) args.get(k)).value();
                }
            }
        }
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
        return byName(forward(-1, 0));
    }

    /** The value of the output. */
    public double value() {
        return forward(-1, 0)[outputSlot];
    }

    /**
     * The output when the input or node {@code name} is forced to {@code replacement} (the gates it feeds are
     * recomputed; a forced node ignores its own arguments). Its derivative in {@code replacement} is the
     * gradient {@link #gradients()} reports for {@code name}.
     */
    public double valueWith(String name, double replacement) {
        return forward(slotOf(name), replacement)[outputSlot];
    }

    /** &part;out/&part;v for every input and node v, by reverse-mode backprop. */
    public Map<String, Double> gradients() {
        double[] values = forward(-1, 0);
        double[] grads = new double[names.size()];
        grads[outputSlot] = 1.0;
        int first = inputValues.length;
        for (int n = nodes.size() - 1; n >= 0; n--) {
            double g = grads[first + n];
            double[] local = nodes.get(n).op().partials(arguments(n, values), values[first + n]);
            for (int k = 0; k < argSlots[n].length; k++) {
                if (argSlots[n][k] >= 0) {
                    grads[argSlots[n][k]] += local[k] * g;
                }
            }
        }
        return byName(grads);
    }

    private double[] forward(int forcedSlot, double forcedValue) {
        double[] values = new double[names.size()];
        System.arraycopy(inputValues, 0, values, 0, inputValues.length);
        int first = inputValues.length;
        if (forcedSlot >= 0) {
            values[forcedSlot] = forcedValue;
        }
        for (int n = 0; n < nodes.size(); n++) {
            if (first + n != forcedSlot) {
                values[first + n] = nodes.get(n).op().value(arguments(n, values));
            }
        }
        return values;
    }

    private double[] arguments(int node, double[] values) {
        double[] a = new double[argSlots[node].length];
        for (int k = 0; k < a.length; k++) {
            a[k] = argSlots[node][k] >= 0 ? values[argSlots[node][k]] : constants[node][k];
        }
        return a;
    }

    private int slotOf(String name) {
        int slot = names.indexOf(name);
        if (slot < 0) {
            throw new IllegalArgumentException("the circuit has no input or node named '" + name + "'");
        }
        return slot;
    }

    private Map<String, Double> byName(double[] perSlot) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < perSlot.length; i++) {
            out.put(names.get(i), perSlot[i]);
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
