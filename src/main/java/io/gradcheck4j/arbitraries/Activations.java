package io.gradcheck4j.arbitraries;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.engine.layers.Identity;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registered layer types usable as an activation between affine layers: built from no parameters
 * and options, and keeping the shape of [batch, width] inputs.
 */
final class Activations {
    private static final int[][] PROBES = {{2, 3}, {3, 1}, {1, 5}};

    private Activations() {
    }

    /** The names of every such type registered on {@code types}, identity first (the simplest to shrink to). */
    static List<String> of(LayerTypes types) {
        List<String> names = new ArrayList<>();
        for (LayerType type : types.all()) {
            if (isActivation(type)) {
                names.add(type.name());
            }
        }
        if (names.remove(Identity.TYPE)) {
            names.add(0, Identity.TYPE);
        }
        return names;
    }

    /** The activation layer named {@code name}, or an error saying why it cannot be one. */
    static Layer create(LayerTypes types, String name) {
        LayerType type = types.find(name).orElseThrow(() -> new IllegalArgumentException(
                "no layer type named '" + name + "' is registered (registered: " + types.names() + ")"));
        if (!isActivation(type)) {
            throw new IllegalArgumentException("layer type '" + name + "' cannot be an activation: it needs parameters or options, or changes the shape of [batch, width] inputs");
        }
        return type.create(Map.of(), Map.of());
    }

    private static boolean isActivation(LayerType type) {
        try {
            Layer layer = type.create(Map.of(), Map.of());
            if (!layer.parameters().isEmpty()) {
                return false;
            }
            for (int[] shape : PROBES) {
                Tensor x = Tensor.filled(0.5, shape);
                if (!layer.forward(x).sameShape(x)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException notAnActivation) {
            return false;
        }
    }
}
