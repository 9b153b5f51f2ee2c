package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Concatenation of one or more tensors along {@code axis}; all other dimensions must agree:
 * y[..., o<sub>i</sub> + k, ...] = a<sub>i</sub>[..., k, ...] where o<sub>i</sub> is the total size of the
 * earlier arguments along the axis. Backward cuts dy into the same slices: &part;J/&part;a<sub>i</sub> is
 * dy's slice [o<sub>i</sub>, o<sub>i</sub> + size<sub>i</sub>) along the axis.
 */
public final class Concat implements GraphOp {
    /** Type name. */
    public static final String TYPE = "concat";

    private final int axis;

    /** Concatenation along {@code axis} (&ge; 0). */
    public Concat(int axis) {
        if (axis < 0 || axis >= Tensor.MAX_RANK) {
            throw new IllegalArgumentException(TYPE + " axis must be in [0, " + Tensor.MAX_RANK + "), got " + axis);
        }
        this.axis = axis;
    }

    /** The axis. */
    public int axis() {
        return axis;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(List<Tensor> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(TYPE + " needs at least 1 argument");
        }
        int[] shape = args.get(0).shape();
        if (axis >= shape.length) {
            throw new IllegalArgumentException(TYPE + " axis " + axis + " does not exist in shape " + Arrays.toString(shape));
        }
        int total = 0;
        for (int i = 0; i < args.size(); i++) {
            int[] s = args.get(i).shape();
            int along = s.length == shape.length ? s[axis] : 0;
            if (s.length == shape.length) {
                s[axis] = shape[axis];
            }
            if (!Arrays.equals(s, shape)) {
                throw new IllegalArgumentException(TYPE + " argument " + i + " has shape " + Arrays.toString(args.get(i).shape())
                        + ", incompatible with " + Arrays.toString(args.get(0).shape()) + " along axis " + axis);
            }
            total += along;
        }
        int[] outShape = shape.clone();
        outShape[axis] = total;
        int outer = outer(shape);
        int inner = inner(shape);
        double[] out = new double[Tensor.sizeOf(outShape)];
        int offset = 0;
        for (Tensor a : args) {
            int block = a.dim(axis) * inner;
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < block; k++) {
                    out[o * total * inner + offset * inner + k] = a.get(o * block + k);
                }
            }
            offset += a.dim(axis);
        }
        return Tensor.wrap(out, outShape);
    }

    @Override
    public NodeGradients backward(List<Tensor> args, Tensor y, Tensor dy) {
        int total = dy.dim(axis);
        int outer = outer(dy.shape());
        int inner = inner(dy.shape());
        List<Tensor> grads = new ArrayList<>(args.size());
        int offset = 0;
        for (Tensor a : args) {
            int block = a.dim(axis) * inner;
            double[] g = new double[a.size()];
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < block; k++) {
                    g[o * block + k] = dy.get(o * total * inner + offset * inner + k);
                }
            }
            grads.add(Tensor.wrap(g, a.shape()));
            offset += a.dim(axis);
        }
        return NodeGradients.ofArguments(grads);
    }

    /** Product of the dimensions before the axis. */
    private int outer(int[] shape) {
        int n = 1;
        for (int k = 0; k < axis; k++) {
            n *= shape[k];
        }
        return n;
    }

    /** Product of the dimensions after the axis. */
    private int inner(int[] shape) {
        int n = 1;
        for (int k = axis + 1; k < shape.length; k++) {
            n *= shape[k];
        }
        return n;
    }
}
