/**
 * The functions a gradient checker checks: each is a {@link io.gradcheck4j.check.Differentiable} f with its
 * analytic gradient, built from one of the engine's models. {@link io.gradcheck4j.functions.NetworkFunction}
 * is f(x, &theta;) = J(network(x; &theta;)) (also one layer under an upstream gradient, J = &Sigma; y &middot; dy),
 * {@link io.gradcheck4j.functions.GraphFunction} the same for a computational graph, and
 * {@link io.gradcheck4j.functions.CircuitFunction} the output of a scalar circuit (the CS231n circuit) as a
 * function of every input and gate. This package depends on {@code check} and {@code engine}; {@code check}
 * never imports it.
 */
package io.gradcheck4j.functions;
