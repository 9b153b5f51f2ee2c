package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;

/**
 * Element-wise quotient of two equally shaped tensors, y = a / b. Backward: &part;J/&part;a = (1/b) dy,
 * &part;J/&part;b = (-a/b<sup>2</sup>) dy.
 */
public final class Divide extends ElementwiseOp {
    /** Type name. */
    public static final String TYPE = "divide";

    /** The op; it has no parameters. */
    public Divide() {
        super(TYPE, 2);
    }

    @Override
    Tensor combine(Tensor a, Tensor b) {
        return a.zip(b, (x, z) -> x / z);
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        Tensor a = args.get(0);
        Tensor b = args.get(1);
        Tensor da = b.map(z -> 1.0 / z).times(dy);
        Tensor db = a.zip(b, (x, z) -> -x / (z * z)).times(dy);
        return NodeGradients.ofArguments(List.of(da, db));
    }
}
