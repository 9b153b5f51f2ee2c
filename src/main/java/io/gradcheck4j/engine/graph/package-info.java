/**
 * General computational graphs: DAGs of tensor values whose nodes apply layers or n-ary ops (add,
 * element-wise multiply, concat) to earlier values, with reverse-mode backprop that sums gradients over
 * fan-out, and {@link io.gradcheck4j.engine.graph.GraphFunction} to check a graph like a network.
 */
package io.gradcheck4j.engine.graph;
