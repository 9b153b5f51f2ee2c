package io.gradcheck4j.engine.graph;

import io.gradcheck4j.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one backward pass through a {@link Graph}.
 *
 * @param values     &part;J/&part;v for every value v (graph inputs and nodes) by its plain name; a value the
 *                   output does not depend on gets zeros
 * @param parameters &part;J/&part;&theta; keyed {@code nodes.<node>.<param>}
 */
public record GraphGradients(Map<String, Tensor> values, Map<String, Tensor> parameters) {

    /** Copies both maps, keeping their order. */
    public GraphGradients {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
