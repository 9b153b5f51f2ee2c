package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one layer's backward rule returns: &part;L/&part;x and &part;L/&part;&theta; per named parameter.
 *
 * @param input      gradient with respect to the layer input, shaped like x
 * @param parameters gradient per parameter name, each shaped like that parameter
 */
public record LayerGradients(Tensor input, Map<String, Tensor> parameters) {

    /** Copies the parameter map, keeping its order. */
    public LayerGradients {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Gradients of a parameter-free layer. */
    public static LayerGradients ofInput(Tensor input) {
        return new LayerGradients(input, Map.of());
    }
}
