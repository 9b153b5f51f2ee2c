package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.Map;

/**
 * A differentiable layer y = f(x; &theta;) that owns both passes of its backprop rule.
 *
 * <p>Layers are pure: {@link #forward} and {@link #backward} read only their arguments and the layer's
 * immutable parameters, so they are re-entrant and safe to call from several threads at once (the model
 * is seed 003's {@code backward(x, dy)}). Given the upstream gradient dy = &part;L/&part;y,
 * {@code backward} returns the vector-Jacobian products dx = (&part;y/&part;x)<sup>T</sup> dy and
 * d&theta; = (&part;y/&part;&theta;)<sup>T</sup> dy for every parameter &theta;.
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
     * forward(x2) for an input x2 that usually differs from an earlier input x in few entries, given
     * y = forward(x): layers may recompute only what depends on the changed entries. The result must equal
     * forward(x2) up to floating-point rounding (a few ulps of the terms summed into each entry); the
     * default computes forward(x2) itself. A full check uses it to carry one perturbed entry through the
     * layers after the perturbed one: element-wise layers recompute only the changed entries (exactly),
     * an affine layer adds (x2 - x) &middot; W over the changed entries.
     */
    default Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return forward(x2);
    }

    /**
     * {@link #forwardIncremental} without allocating, for the inner loop of a full check (see
     * {@link PatchedTrace}). x2 is given as an array that differs from x at most at the {@code count} flat
     * indices {@code changed[0..count)}, ascending; {@code out} holds y on entry. The layer writes
     * forwardIncremental(x, y, x2) into {@code out}, bit for bit, lists the flat indices it wrote, ascending,
     * in {@code written} (room for y.size()), and returns how many; or returns -1, writing nothing, when it
     * has no such path (the default), and the caller falls back to {@link #forwardIncremental}.
     */
    default int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        return -1;
    }

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
     * A probe of this layer's output at input x as a function of one entry of parameter {@code param}
     * (the inner loop of a full finite-difference check). The default perturbs a private copy of the
     * parameter in place and runs {@link #forward} on a layer built once by {@link #withParameters}, so it
     * allocates no parameter-sized array per call; it therefore relies on {@code withParameters} keeping
     * the given tensors and reading them at forward time, as every layer here does. Layers override it
     * when one entry changes only a small part of the output (see {@code Affine}: one output column).
     *
     * @throws IllegalArgumentException when the layer has no parameter {@code param}
     */
    default ParameterProbe probe(String param, Tensor x) {
        Tensor value = parameters().get(param);
        if (value == null) {
            throw new IllegalArgumentException("layer " + type() + " has no parameter " + param);
        }
        double[] scratch = value.toArray();
        Layer perturbed = withParameters(Map.of(param, Tensor.wrap(scratch, value.shape())));
        return (flatIndex, newValue) -> {
            double original = scratch[flatIndex];
            scratch[flatIndex] = newValue;
            try {
                return perturbed.forward(x);
            } finally {
                scratch[flatIndex] = original;
            }
        };
    }

    /**
     * A probe of this layer's output at input x along direction {@code direction} (shaped like parameter
     * {@code param}): forwardAt(t) = forward(x) with &theta; + t u. The default fills a private copy of the
     * parameter with &theta; + t u and runs {@link #forward} on a layer built once by {@link #withParameters}
     * (same assumption as {@link #probe}); an affine layer overrides it with y + t (x &middot; u).
     *
     * @throws IllegalArgumentException when the layer has no parameter {@code param} or the shapes differ
     */
    default DirectionProbe probeDirection(String param, Tensor x, Tensor direction) {
        Tensor value = parameters().get(param);
        if (value == null) {
            throw new IllegalArgumentException("layer " + type() + " has no parameter " + param);
        }
        if (!value.sameShape(direction)) {
            throw new IllegalArgumentException("direction must have the shape of parameter " + param);
        }
        double[] base = value.toArray();
        double[] u = direction.toArray();
        double[] scratch = base.clone();
        Layer perturbed = withParameters(Map.of(param, Tensor.wrap(scratch, value.shape())));
        return t -> {
            for (int i = 0; i < scratch.length; i++) {
                scratch[i] = base[i] + t * u[i];
            }
            try {
                return perturbed.forward(x);
            } finally {
                System.arraycopy(base, 0, scratch, 0, scratch.length);
            }
        };
    }

    /**
     * {@link #probeDirection(String, Tensor, Tensor)} when the caller already holds y = forward(x) (a network
     * check keeps the unperturbed trace), so a layer that needs y need not recompute it. The default ignores y.
     */
    default DirectionProbe probeDirection(String param, Tensor x, Tensor y, Tensor direction) {
        return probeDirection(param, x, direction);
    }

    /**
     * {@link #probeInputDirection(Tensor, Tensor)} when the caller already holds y = forward(x). The default
     * ignores y.
     */
    default DirectionProbe probeInputDirection(Tensor x, Tensor y, Tensor direction) {
        return probeInputDirection(x, direction);
    }

    /**
     * {@link #probe(String, Tensor)} when the caller already holds y = forward(x). The default ignores y.
     */
    default ParameterProbe probe(String param, Tensor x, Tensor y) {
        return probe(param, x);
    }

    /**
     * A probe of this layer's output along a direction u of its input: forwardAt(t) = forward(x + t u). The
     * default computes exactly that; an affine layer overrides it with y + t (u &middot; W).
     */
    default DirectionProbe probeInputDirection(Tensor x, Tensor direction) {
        return t -> forward(x.plusScaled(t, direction));
    }

    /**
     * The same layer with some parameters replaced (same names and shapes); parameters not named keep
     * their values. The default suits parameter-free layers.
     */
    default Layer withParameters(Map<String, Tensor> replacements) {
        if (!replacements.isEmpty()) {
            throw new IllegalArgumentException("layer " + type() + " has no parameters, got " + replacements.keySet());
        }
        return this;
    }
}
