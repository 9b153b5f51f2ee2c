package io.gradcheck4j.check;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.tensor.Tensor;

/**
 * A {@link Differentiable} of the form f(x, &theta;) = J(network(x; &theta;)) that lets the checker look inside:
 * given the network, its input x and the objective J, {@link Diagnostics} runs its forward/backward checks layer
 * by layer and names the layer at fault, instead of treating f as a black box. Optional: a function that does
 * not implement it is diagnosed as a whole.
 */
public interface LayerwiseFunction extends Differentiable {

    /** The network whose layers are checked one by one. */
    Network network();

    /** The input x the network is evaluated at. */
    Tensor input();

    /** The objective J applied to the network's output. */
    Objective objective();
}
