package io.gradcheck4j.engine.fast;

import io.gradcheck4j.tensor.Tensor;

/**
 * The forward pass of one layer on a fixed input x as a function of a step t along a direction u in the
 * space of one parameter: {@code forwardAt(t)} = f(x; &theta; + t u). A projected (FAST) check evaluates it a
 * few times per direction, so layers may precompute what does not depend on t (see
 * {@link FastLayer#probeDirection}). Private working state of one thread.
 */
@FunctionalInterface
public interface DirectionProbe {

    /** The layer output at x with the probed parameter set to &theta; + t u (up to floating-point rounding). */
    Tensor forwardAt(double t);
}
