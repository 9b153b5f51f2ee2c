package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Element-wise (Hadamard) product of two or more equally shaped tensors, y = a<sub>1</sub> &odot; ... &odot; a<sub>k</sub>.
 * Backward: &part;J/&part;a<sub>i</sub> = dy &odot; &prod;<sub>j &ne; i</sub> a<sub>j</sub> (a product of the others,
 * never a division by a<sub>i</sub>, so zeros are handled).
 */
public final class Multiply extends ElementwiseOp {
    /** Type name. */
    public static final String TYPE = "multiply";

    /** The op; it has no parameters. */
    public Multiply() {
        super(TYPE);
    }

    @Override
    Tensor combine(Tensor a, Tensor b) {
        return a.times(b);
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        List<Tensor> grads = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Tensor others = null;
            for (int j = 0; j < args.size(); j++) {
                if (j != i) {
                    others = others == null ? args.get(j) : others.times(args.get(j));
                }
            }
            grads.add(others.times(dy));
        }
        return NodeGradients.ofArguments(grads);
    }
}
