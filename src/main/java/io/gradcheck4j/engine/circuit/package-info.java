/**
 * Scalar computational graphs ({@link io.gradcheck4j.engine.circuit.Circuit}): seed 000's circuits of gates
 * with reverse-mode backprop giving the gradient of the output with respect to every input and gate.
 */
package io.gradcheck4j.engine.circuit;
