package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;

/**
 * A scalar loss L(y, t) on a network output y and a target t, with its gradient &part;L/&part;y.
 * Implementations are pure and stateless.
 */
public interface Loss {

    /** The registered type name, e.g. {@code "half_squared_error"}. */
    String type();

    /** L(y, t). */
    double value(Tensor y, Tensor target);

    /** &part;L/&part;y, shaped like y. */
    Tensor gradient(Tensor y, Tensor target);

    /**
     * The branch of a piecewise definition each element takes at (y, t) (see {@link Layer#branchPattern});
     * smooth losses return an empty array (the default).
     */
    default int[] branchPattern(Tensor y, Tensor target) {
        return new int[0];
    }

    /**
     * Throws {@link IllegalArgumentException} naming the problem when {@code target} cannot be paired
     * with an output of {@code outputShape}.
     */
    void validateTarget(int[] outputShape, Tensor target);
}
