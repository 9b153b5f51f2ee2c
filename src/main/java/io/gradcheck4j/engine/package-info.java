/**
 * The backprop engine: the {@link io.gradcheck4j.engine.Layer} contract, {@link io.gradcheck4j.engine.Network}
 * (forward trace and one backward pass for all gradients), losses, objectives and the layer-type registry.
 */
package io.gradcheck4j.engine;
