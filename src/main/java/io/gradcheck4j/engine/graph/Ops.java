package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Argument checks shared by the element-wise n-ary ops. */
final class Ops {
    private Ops() {
    }

    /** An error unless there are at least two arguments, all shaped like the first. */
    static void requireSameShapes(String type, List<Tensor> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException(type + " needs at least 2 arguments, got " + args.size());
        }
        for (int i = 1; i < args.size(); i++) {
            if (!args.get(i).sameShape(args.get(0))) {
                throw new IllegalArgumentException(type + " argument " + i + " has shape " + Arrays.toString(args.get(i).shape())
                        + " but argument 0 has shape " + Arrays.toString(args.get(0).shape()));
            }
        }
    }
}
