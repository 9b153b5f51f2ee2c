/**
 * General computational graphs: DAGs of tensor values whose nodes apply layers, element-wise functions
 * (exp, log, square, negate, power) or n-ary ops (add, subtract, element-wise multiply, divide, concat) to
 * earlier values or constants, with reverse-mode backprop that sums gradients over fan-out, and
 * {@link io.gradcheck4j.functions.GraphFunction} checks a graph like a network. Scalar circuits
 * ({@link io.gradcheck4j.engine.circuit.Circuit}) run on it as rank-0 graphs.
 */
package io.gradcheck4j.engine.graph;
