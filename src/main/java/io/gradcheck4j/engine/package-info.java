/**
 * The backprop engine: the minimal {@link io.gradcheck4j.engine.Layer} contract a user implements (forward,
 * backward, parameters, withParameters), the {@link io.gradcheck4j.engine.Pure} marker for re-entrant,
 * thread-safe layers, {@link io.gradcheck4j.engine.Network} (forward trace and one backward pass for all
 * gradients), losses, objectives and the layer-type registry. The speed paths of gradcheck4j's own layers live
 * apart, in {@code engine.fast}.
 */
package io.gradcheck4j.engine;
