package io.gradcheck4j.check;

/**
 * A checked function seen along one coordinate of one variable: {@code evaluateAt(i, v)} is f (with its
 * branch patterns, see {@link Differentiable#probe}) with entry i (row-major) of the variable set to v and
 * everything else at its value. Obtained from {@link Differentiable#bindCoordinates}; it is private working
 * state of one thread (not thread-safe).
 */
@FunctionalInterface
public interface CoordinateFunction {

    /** f with entry {@code flatIndex} of the bound variable set to {@code newValue}. */
    Evaluation evaluateAt(int flatIndex, double newValue);
}
