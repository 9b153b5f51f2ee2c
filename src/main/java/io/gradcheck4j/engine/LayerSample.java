package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;

/**
 * One instance of a layer type with an input to check it on.
 *
 * @param description what this sample exercises, e.g. "batch 3, values in [-3, 3]"
 * @param layer       the layer instance
 * @param input       an input it accepts
 */
public record LayerSample(String description, Layer layer, Tensor input) {
}
