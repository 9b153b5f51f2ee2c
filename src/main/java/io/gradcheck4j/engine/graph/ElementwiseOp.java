package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * An element-wise op on two or more equally shaped tensors, y = a<sub>1</sub> &#8728; ... &#8728;
 * a<sub>k</sub> for a binary operation &#8728; folded left to right; a non-associative &#8728; (minus,
 * divide) takes exactly two arguments.
 */
abstract class ElementwiseOp implements GraphOp {
    private final String type;
    private final int maxArgs;

    /** An op taking two or more arguments (an associative &#8728;). */
    ElementwiseOp(String type) {
        this(type, Integer.MAX_VALUE);
    }

    /** An op taking from two to {@code maxArgs} arguments. */
    ElementwiseOp(String type, int maxArgs) {
        this.type = type;
        this.maxArgs = maxArgs;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Tensor forward(List<Tensor> args) {
        requireSameShapes(args);
        Tensor result = args.get(0);
        for (int i = 1; i < args.size(); i++) {
            result = combine(result, args.get(i));
        }
        return result;
    }

    /** a &#8728; b for two equally shaped tensors. */
    abstract Tensor combine(Tensor a, Tensor b);

    /** An error unless there are two to maxArgs arguments, all shaped like the first. */
    private void requireSameShapes(List<Tensor> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException(type + " needs at least 2 arguments, got " + args.size());
        }
        if (args.size() > maxArgs) {
            throw new IllegalArgumentException(type + " takes at most " + maxArgs + " arguments, got " + args.size());
        }
        for (int i = 1; i < args.size(); i++) {
            if (!args.get(i).sameShape(args.get(0))) {
                throw new IllegalArgumentException(type + " argument " + i + " has shape " + Arrays.toString(args.get(i).shape())
                        + " but argument 0 has shape " + Arrays.toString(args.get(0).shape()));
            }
        }
    }
}
