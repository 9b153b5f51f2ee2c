/**
 * Scalar computational graphs ({@link io.gradcheck4j.engine.circuit.Circuit}): circuits of gates like the CS231n circuit
 * with reverse-mode backprop giving the gradient of the output with respect to every input and gate. A
 * circuit is a front end: it runs as an {@link io.gradcheck4j.engine.graph.Graph} of rank-0 tensors, whose
 * backward pass does the backprop.
 */
package io.gradcheck4j.engine.circuit;
