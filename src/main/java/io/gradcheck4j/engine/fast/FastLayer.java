package io.gradcheck4j.engine.fast;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;

/**
 * Internal: the speed paths of gradcheck4j's own layers, never required of a user's layer. A finite-difference
 * check changes one entry (or moves along one direction) at a time; a layer implementing this interface may
 * compute the perturbed output from what it already knows (an affine layer changes one output column per
 * weight entry, an element-wise layer recomputes only the changed entries). Every hook must give what the
 * plain {@link Layer} contract gives, {@code withParameters(...).forward(x)} or {@code forward(x2)}, up to
 * the rounding each hook states, so a verdict never depends on whether a layer implements it: the checker
 * uses these paths only for {@code instanceof FastLayer} and a plain path for every other layer.
 *
 * <p>A fast layer is {@link Pure}. The defaults of {@link #probe} and {@link #probeDirection} perturb, in place,
 * a private tensor they handed to {@link #withParameters} once, so they rely on {@code withParameters} keeping
 * the given tensors and reading them at forward time (as gradcheck4j's layers do).
 */
public interface FastLayer extends Pure {

    /**
     * Whether {@link #branchPattern} is empty at every input, so that a check may skip asking (see
     * {@link SmoothStages}). The default false always asks; a layer answers true only when its pattern is empty
     * whatever x.
     */
    default boolean neverBranches() {
        return false;
    }

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
     * A probe of this layer's output at input x as a function of one entry of parameter {@code param}
     * (the inner loop of a full finite-difference check): forwardWith(i, v) =
     * withParameters(&theta; with &theta;<sub>i</sub> = v).forward(x). The default perturbs a private copy of the
     * parameter in place and runs {@link #forward} on a layer built once by {@link #withParameters}, so it
     * allocates no parameter-sized array per call. Layers override it when one entry changes only a small
     * part of the output (see {@code Affine}: one output column).
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

    /** {@link #probe(String, Tensor)} when the caller already holds y = forward(x). The default ignores y. */
    default ParameterProbe probe(String param, Tensor x, Tensor y) {
        return probe(param, x);
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
     * A probe of this layer's output along a direction u of its input: forwardAt(t) = forward(x + t u). The
     * default computes exactly that; an affine layer overrides it with y + t (u &middot; W).
     */
    default DirectionProbe probeInputDirection(Tensor x, Tensor direction) {
        return t -> forward(x.plusScaled(t, direction));
    }

    /** {@link #probeInputDirection(Tensor, Tensor)} when the caller already holds y = forward(x). The default ignores y. */
    default DirectionProbe probeInputDirection(Tensor x, Tensor y, Tensor direction) {
        return probeInputDirection(x, direction);
    }
}
