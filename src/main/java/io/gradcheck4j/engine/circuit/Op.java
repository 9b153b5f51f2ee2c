package io.gradcheck4j.engine.circuit;

import io.gradcheck4j.engine.graph.Add;
import io.gradcheck4j.engine.graph.Divide;
import io.gradcheck4j.engine.graph.Exp;
import io.gradcheck4j.engine.graph.GraphOp;
import io.gradcheck4j.engine.graph.LayerOp;
import io.gradcheck4j.engine.graph.Log;
import io.gradcheck4j.engine.graph.Multiply;
import io.gradcheck4j.engine.graph.Negate;
import io.gradcheck4j.engine.graph.Power;
import io.gradcheck4j.engine.graph.Square;
import io.gradcheck4j.engine.graph.Subtract;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gates of a scalar {@link Circuit}. Each gate v = op(a<sub>1</sub>, ..., a<sub>k</sub>) is a graph op
 * on rank-0 tensors that owns its value rule and its local derivatives &part;v/&part;a<sub>i</sub>; backprop
 * multiplies them by the upstream gradient g = &part;out/&part;v (the CS231n circuit's rule: gate gradient = local gradient
 * &times; upstream gradient).
 */
public enum Op {
    /** v = a<sub>1</sub> + ... + a<sub>k</sub> (k &ge; 2); &part;v/&part;a<sub>i</sub> = 1 ({@link Add}). */
    ADD(2, Integer.MAX_VALUE, a -> new Add()),
    /** v = a - b; &part;v/&part;a = 1, &part;v/&part;b = -1 ({@link Subtract}). */
    SUB(2, 2, a -> new Subtract()),
    /** v = a<sub>1</sub> &middot; ... &middot; a<sub>k</sub> (k &ge; 2); &part;v/&part;a<sub>i</sub> = &Pi;<sub>j&ne;i</sub> a<sub>j</sub> ({@link Multiply}). */
    MUL(2, Integer.MAX_VALUE, a -> new Multiply()),
    /** v = a / b; &part;v/&part;a = 1/b, &part;v/&part;b = -a/b<sup>2</sup> ({@link Divide}). */
    DIV(2, 2, a -> new Divide()),
    /** v = -a; &part;v/&part;a = -1 ({@link Negate}). */
    NEG(1, 1, a -> new LayerOp(new Negate())),
    /** v = a<sup>2</sup>; &part;v/&part;a = 2a ({@link Square}). */
    SQUARE(1, 1, a -> new LayerOp(new Square())),
    /** v = e<sup>a</sup>; &part;v/&part;a = e<sup>a</sup> = v ({@link Exp}). */
    EXP(1, 1, a -> new LayerOp(new Exp())),
    /** v = ln a (a &gt; 0); &part;v/&part;a = 1/a ({@link Log}). */
    LOG(1, 1, a -> new LayerOp(new Log())),
    /** v = 1 / (1 + e<sup>-a</sup>); &part;v/&part;a = v (1 - v) ({@link Sigmoid}). */
    SIGMOID(1, 1, a -> new LayerOp(new Sigmoid())),
    /** v = tanh a; &part;v/&part;a = 1 - v<sup>2</sup> ({@link Tanh}). */
    TANH(1, 1, a -> new LayerOp(new Tanh())),
    /** v = max(a, 0); &part;v/&part;a = 1 where a &gt; 0, else 0 (kink at 0; {@link ReLU}). */
    RELU(1, 1, a -> new LayerOp(new ReLU())),
    /**
     * v = a<sup>p</sup> with p a numeric constant; &part;v/&part;a = p a<sup>p-1</sup> (the constant gets no
     * gradient; {@link Power}).
     */
    POW(2, 2, a -> new LayerOp(new Power(a[1]))) {
        @Override
        public boolean requiresConstant(int position) {
            return position == 1;
        }
    };

    private final int minArgs;
    private final int maxArgs;
    private final Function<double[], GraphOp> graphOp;

    /** A gate of {@code minArgs} to {@code maxArgs} arguments computed by {@code graphOp} (see {@link #graphOp(double[])}). */
    Op(int minArgs, int maxArgs, Function<double[], GraphOp> graphOp) {
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.graphOp = graphOp;
    }

    /**
     * The graph op computing this gate, given the gate's argument values (only those in
     * {@link #requiresConstant} positions are read: they are part of the op, not graph arguments).
     */
    GraphOp graphOp(double[] args) {
        return graphOp.apply(args);
    }

    /**
     * The local derivatives &part;v/&part;a<sub>i</sub> at {@code args}, given v = op(args): the factors a
     * gate multiplies its upstream gradient by (used to explain backprop gate by gate). A constant that is
     * part of the op (the exponent of {@link #POW}) gets 0.
     */
    public double[] localDerivatives(double[] args, double value) {
        List<Tensor> graphArgs = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            if (!requiresConstant(k)) {
                graphArgs.add(Tensor.scalar(args[k]));
            }
        }
        List<Tensor> d = graphOp(args).backward(graphArgs, Tensor.scalar(value), Tensor.scalar(1.0)).arguments();
        double[] local = new double[args.length];
        for (int k = 0, j = 0; k < args.length; k++) {
            local[k] = requiresConstant(k) ? 0.0 : d.get(j++).item();
        }
        return local;
    }

    /** The fixture name, e.g. {@code "add"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the gate takes {@code count} arguments. */
    public boolean acceptsArgCount(int count) {
        return count >= minArgs && count <= maxArgs;
    }

    /** The arity in words, e.g. {@code "2 or more arguments"}. */
    public String arity() {
        if (maxArgs == Integer.MAX_VALUE) {
            return minArgs + " or more arguments";
        }
        return minArgs == 1 ? "1 argument" : minArgs + " arguments";
    }

    /**
     * Whether argument {@code position} must be a numeric constant (the exponent of {@link #POW}): it is
     * part of the gate's graph op rather than an argument.
     */
    public boolean requiresConstant(int position) {
        return false;
    }

    /** The op with fixture name {@code label}, if any. */
    public static Optional<Op> find(String label) {
        for (Op op : values()) {
            if (op.label().equals(label)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
