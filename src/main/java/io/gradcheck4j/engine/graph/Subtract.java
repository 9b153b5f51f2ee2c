package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;

/**
 * Element-wise difference of two equally shaped tensors, y = a - b. Backward: &part;J/&part;a = dy,
 * &part;J/&part;b = -dy.
 */
public final class Subtract extends ElementwiseOp {
    /** Type name. */
    public static final String TYPE = "subtract";

    /** The op; it has no parameters. */
    public Subtract() {
        super(TYPE, 2);
    }

    @Override
    Tensor combine(Tensor a, Tensor b) {
        return a.minus(b);
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        return NodeGradients.ofArguments(List.of(dy, dy.scale(-1.0)));
    }
}
