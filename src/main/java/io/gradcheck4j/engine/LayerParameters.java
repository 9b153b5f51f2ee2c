package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.Set;

/** Validation helpers for {@link LayerType#create}: clear errors naming the layer type and parameter. */
public final class LayerParameters {
    private LayerParameters() {
    }

    /** The parameter {@code name}, or an error saying it is missing. */
    public static Tensor require(String type, java.util.Map<String, Tensor> parameters, String name) {
        Tensor t = parameters.get(name);
        if (t == null) {
            throw new IllegalArgumentException(type + " needs parameter '" + name + "'");
        }
        return t;
    }

    /** An error when {@code parameters} holds a name other than {@code allowed}. */
    public static void requireOnly(String type, java.util.Map<String, Tensor> parameters, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : parameters.keySet()) {
            if (!ok.contains(name)) {
                throw new IllegalArgumentException(type + " has no parameter '" + name + "'"
                        + (allowed.length == 0 ? " (it takes none)" : " (it takes " + String.join(", ", allowed) + ")"));
            }
        }
    }
}
