package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.Collections;
import java.util.List;

/**
 * Element-wise sum of two or more equally shaped tensors, y = a<sub>1</sub> + ... + a<sub>k</sub>
 * (a residual connection is add(x, f(x))). Backward: every argument receives dy unchanged.
 */
public final class Add implements GraphOp {
    /** Type name. */
    public static final String TYPE = "add";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(List<Tensor> args) {
        Ops.requireSameShapes(TYPE, args);
        Tensor sum = args.get(0);
        for (int i = 1; i < args.size(); i++) {
            sum = sum.plus(args.get(i));
        }
        return sum;
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        return NodeGradients.ofArguments(Collections.nCopies(args.size(), dy));
    }
}
