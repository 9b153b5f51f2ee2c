package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;

/**
 * A fixed value, y = c, as a node without arguments (e.g. the 1.5 of add(m, 1.5)). Backward: there is no
 * argument to pass a gradient to, so c receives none.
 */
public final class Constant implements GraphOp {
    /** Type name. */
    public static final String TYPE = "constant";

    private final Tensor value;

    /** The op producing {@code value}. */
    public Constant(Tensor value) {
        this.value = value;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(List<Tensor> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException(TYPE + " takes no arguments, got " + args.size());
        }
        return value;
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        return NodeGradients.ofArguments(List.of());
    }
}
