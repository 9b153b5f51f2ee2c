package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.Collections;
import java.util.List;

/**
 * Element-wise sum of two or more equally shaped tensors, y = a<sub>1</sub> + ... + a<sub>k</sub>
 * (a residual connection is add(x, f(x))). Backward: every argument receives dy unchanged.
 */
public final class Add extends ElementwiseOp {
    /** Type name. */
    public static final String TYPE = "add";

    /** The op; it has no parameters. */
    public Add() {
        super(TYPE);
    }

    @Override
    Tensor combine(Tensor a, Tensor b) {
        return a.plus(b);
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        return NodeGradients.ofArguments(Collections.nCopies(args.size(), dy));
    }
}
