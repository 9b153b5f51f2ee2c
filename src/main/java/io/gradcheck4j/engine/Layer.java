package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.Map;

/**
 * A differentiable layer y = f(x; &theta;) that owns both passes of its backprop rule: the whole contract a
 * layer must meet to be checked (micrograd's forward, backward, parameters, and a way to rebuild the layer
 * with other parameters). Given the upstream gradient dy = &part;L/&part;y, {@code backward(x, y, dy)} returns
 * the vector-Jacobian products dx = (&part;y/&part;x)<sup>T</sup> dy and d&theta; = (&part;y/&part;&theta;)<sup>T</sup> dy
 * for every parameter &theta; (the model is {@code backward(x, dy)} of the numpy Affine example).
 *
 * <p>Nothing more is assumed. A layer may keep caches in mutable fields and may copy the tensors given to
 * {@link #withParameters} into arrays of its own: the checker builds every perturbed layer through
 * {@code withParameters} with a fresh tensor, and evaluates a layer on one thread unless it declares itself
 * {@link Pure} (re-entrant and thread-safe). gradcheck4j's own layers also implement the internal speed paths
 * of {@link io.gradcheck4j.engine.fast.FastLayer}, which never change a verdict.
 */
public interface Layer {

    /** The registered type name, e.g. {@code "affine"}; used in reports and fixtures. */
    String type();

    /** The named parameters in a stable order (empty for parameter-free layers). */
    default Map<String, Tensor> parameters() {
        return Map.of();
    }

    /**
     * The non-tensor settings this layer was built with, as {@link LayerType#create} takes them (e.g.
     * {@code stride}, {@code padding}); written back when the layer is saved as a fixture. Default: none.
     */
    default Map<String, Object> options() {
        return Map.of();
    }

    /** y = f(x; &theta;). */
    Tensor forward(Tensor x);

    /**
     * The backward rule: given x, y = forward(x) and dy = &part;L/&part;y, returns &part;L/&part;x and
     * &part;L/&part;&theta; for every parameter.
     */
    LayerGradients backward(Tensor x, Tensor y, Tensor dy);

    /**
     * Which branch of a piecewise definition every element of the forward pass at x takes (e.g. ReLU:
     * 1 where x &gt; 0, else 0; max-pool: the argmax of each window). When the patterns at x - h and x + h
     * differ, a finite difference between them straddles a kink and says nothing about the derivative.
     * Smooth layers return an empty array (the default).
     */
    default int[] branchPattern(Tensor x) {
        return new int[0];
    }

    /**
     * The same layer with some parameters replaced (same names and shapes); parameters not named keep
     * their values. The layer may keep the given tensors or copy them; the checker never changes a tensor
     * after handing it over. The default suits parameter-free layers.
     */
    default Layer withParameters(Map<String, Tensor> replacements) {
        if (!replacements.isEmpty()) {
            throw new IllegalArgumentException("layer " + type() + " has no parameters, got " + replacements.keySet());
        }
        return this;
    }
}
