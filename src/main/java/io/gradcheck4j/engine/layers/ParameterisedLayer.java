package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The parameter plumbing of a layer with a fixed list of named parameter tensors: its type name, the ordered
 * parameter map, {@link #withParameters} (same names and shapes) and gradients keyed by the same names.
 * Subclasses hand over their tensors in the order of the names and rebuild themselves from such a list.
 */
abstract class ParameterisedLayer implements Pure {
    private final String type;
    private final List<String> names;

    ParameterisedLayer(String type, List<String> names) {
        this.type = type;
        this.names = names;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Map<String, Tensor> parameters() {
        return Shapes.named(names, parameterValues());
    }

    @Override
    public final Layer withParameters(Map<String, Tensor> replacements) {
        Map<String, Tensor> p = Shapes.replaced(type, parameters(), replacements);
        return withValues(names.stream().map(p::get).toArray(Tensor[]::new));
    }

    /** The parameter tensors in the order of the names. */
    abstract Tensor[] parameterValues();

    /** The same layer (same options) with {@code values} as parameters, in the order of the names. */
    abstract Layer withValues(Tensor[] values);

    /** The layer's gradients: dx and one gradient per parameter, in the order of the names. */
    final LayerGradients gradients(Tensor dx, Tensor... parameterGradients) {
        return new LayerGradients(dx, Shapes.named(names, parameterGradients));
    }
}
