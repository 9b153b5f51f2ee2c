package io.gradcheck4j.check;

/**
 * A checked function seen along one coordinate of one variable: {@code valueAt(i, v)} is f with entry i
 * (row-major) of the variable set to v and everything else at its value. Obtained from
 * {@link Differentiable#bindCoordinates}; it is private working state of one thread (not thread-safe).
 */
@FunctionalInterface
public interface CoordinateFunction {

    /** f with entry {@code flatIndex} of the bound variable set to {@code newValue}. */
    double valueAt(int flatIndex, double newValue);
}
