package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fully connected layer in seed 003's row-vector convention: y = x &middot; W + b with x [batch, in],
 * W [in, out], b [out].
 *
 * <p>Backward (seed 003): dx = dy &middot; W<sup>T</sup>, dW = x<sup>T</sup> &middot; dy,
 * db = &Sigma;<sub>batch</sub> dy (sum over axis 0).
 */
public final class Affine implements Layer {
    /** Type name. */
    public static final String TYPE = "affine";
    /** Name of W. */
    public static final String WEIGHT = "weight";
    /** Name of b. */
    public static final String BIAS = "bias";

    private final Tensor weight;
    private final Tensor bias;

    /** y = x &middot; weight + bias with weight [in, out] and bias [out]. */
    public Affine(Tensor weight, Tensor bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("affine weight must be 2-D [in, out], got shape " + Arrays.toString(weight.shape()));
        }
        if (bias.rank() != 1 || bias.dim(0) != weight.dim(1)) {
            throw new IllegalArgumentException("affine bias must have shape [" + weight.dim(1) + "], got " + Arrays.toString(bias.shape()));
        }
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** W, shaped [in, out]. */
    public Tensor weight() {
        return weight;
    }

    /** b, shaped [out]. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put(WEIGHT, weight);
        p.put(BIAS, bias);
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != weight.dim(0)) {
            throw new IllegalArgumentException("affine expects input [batch, " + weight.dim(0) + "], got " + Arrays.toString(x.shape()));
        }
        return x.matmul(weight).plusRow(bias);
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put(WEIGHT, x.transposeMatmul(dy));
        grads.put(BIAS, dy.sumRows());
        return new LayerGradients(dy.matmulTranspose(weight), grads);
    }

    @Override
    public Layer withParameters(Map<String, Tensor> replacements) {
        for (String name : replacements.keySet()) {
            if (!name.equals(WEIGHT) && !name.equals(BIAS)) {
                throw new IllegalArgumentException("affine has no parameter " + name);
            }
        }
        Tensor w = replacements.getOrDefault(WEIGHT, weight);
        Tensor b = replacements.getOrDefault(BIAS, bias);
        if (!w.sameShape(weight) || !b.sameShape(bias)) {
            throw new IllegalArgumentException("affine parameters must keep their shapes");
        }
        return new Affine(w, b);
    }
}
