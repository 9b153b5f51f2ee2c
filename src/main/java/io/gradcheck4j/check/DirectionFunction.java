package io.gradcheck4j.check;

/**
 * A checked function along one direction u of one variable: {@code at(t)} is f (with its branch patterns)
 * at v + t u. Obtained from {@link Differentiable#bindDirection}; private working state of one thread.
 */
@FunctionalInterface
public interface DirectionFunction {

    /** f at v + t u. */
    Evaluation at(double t);
}
