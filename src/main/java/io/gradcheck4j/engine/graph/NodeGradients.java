package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one node's backward rule returns.
 *
 * @param arguments  &part;J/&part;a<sub>i</sub> per argument, in argument order, each shaped like its argument
 * @param parameters &part;J/&part;&theta; per parameter name, each shaped like that parameter
 */
public record NodeGradients(List<Tensor> arguments, Map<String, Tensor> parameters) {

    /** Copies both collections. */
    public NodeGradients {
        arguments = List.copyOf(arguments);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Gradients of a parameter-free op. */
    public static NodeGradients ofArguments(List<Tensor> arguments) {
        return new NodeGradients(arguments, Map.of());
    }
}
