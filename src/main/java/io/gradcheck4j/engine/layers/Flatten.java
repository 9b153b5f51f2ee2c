package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Keeps the batch axis and flattens the rest in row-major order: x [batch, d<sub>1</sub>, ..., d<sub>r</sub>]
 * becomes y [batch, d<sub>1</sub> &middot; ... &middot; d<sub>r</sub>] with the same elements in the same
 * order. Backward reshapes dy back to x's shape (the Jacobian is the identity).
 */
public final class Flatten implements FastLayer {
    /** Type name. */
    public static final String TYPE = "flatten";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(TYPE + " expects input [batch, ...] of rank >= 2, got shape " + Arrays.toString(x.shape()));
        }
        int rest = 1;
        for (int axis = 1; axis < x.rank(); axis++) {
            rest *= x.dim(axis);
        }
        return x.reshape(x.dim(0), rest);
    }

    /** Flattening keeps the row-major order: the changed entries are copied to the same flat indices. */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        for (int k = 0; k < count; k++) {
            out[changed[k]] = x2[changed[k]];
            written[k] = changed[k];
        }
        return count;
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        return LayerGradients.ofInput(dy.reshape(x.shape()));
    }
}
