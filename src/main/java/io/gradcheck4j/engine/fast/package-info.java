/**
 * Internal: the speed paths of gradcheck4j's own layers, never required of a user's. A layer opts in by
 * implementing {@link io.gradcheck4j.engine.fast.FastLayer} (incremental forward passes, parameter and direction
 * probes); {@link io.gradcheck4j.engine.fast.Probes}, {@link io.gradcheck4j.engine.fast.Incremental} and
 * {@link io.gradcheck4j.engine.fast.PatchedTrace} use them for such layers and fall back to the plain
 * {@link io.gradcheck4j.engine.Layer} contract for every other, with the same values up to rounding. A loss opts in
 * by implementing {@link io.gradcheck4j.engine.fast.PatchableLoss} (its value after a few output entries changed,
 * bit for bit; see {@link io.gradcheck4j.engine.fast.LossPatch}). Depends on
 * {@code engine}; {@code engine} never imports it.
 */
package io.gradcheck4j.engine.fast;
