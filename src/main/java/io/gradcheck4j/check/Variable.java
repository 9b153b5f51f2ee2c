package io.gradcheck4j.check;

import io.gradcheck4j.tensor.Tensor;

/**
 * One tensor a checked function depends on: the input or a parameter of a layer.
 *
 * @param name       {@code input} or {@code layers.<i>.<param>} (or a node name in a circuit)
 * @param location   human-readable location, e.g. {@code layer 0 (affine) parameter weight}
 * @param value      its current value (never modified by the checker)
 */
public record Variable(String name, String location, Tensor value) {
}
