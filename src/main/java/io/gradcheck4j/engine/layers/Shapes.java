package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shape checks shared by the spatial and sequence layers, with errors naming the layer and tensor, and the
 * ordered parameter maps they build.
 */
final class Shapes {
    private Shapes() {
    }

    /** An error unless {@code t} has rank {@code rank}; {@code layout} describes the expected axes. */
    static void requireRank(String type, String what, Tensor t, int rank, String layout) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(type + " expects " + what + " " + layout + ", got shape " + Arrays.toString(t.shape()));
        }
    }

    /** An error unless {@code t} has exactly {@code shape}. */
    static void requireShape(String type, String what, Tensor t, int... shape) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(type + " " + what + " must have shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(t.shape()));
        }
    }

    /**
     * An error unless {@code x} is a rank-3 sequence tensor ({@code layout}) whose last axis has
     * {@code width} entries; {@code expected} words that width for the message, e.g. "3 features".
     */
    static void requireSequence(String type, Tensor x, String layout, int width, String expected) {
        requireRank(type, "input", x, 3, layout);
        if (x.dim(2) != width) {
            throw new IllegalArgumentException(type + " expects " + expected + ", got input of shape " + Arrays.toString(x.shape()));
        }
    }

    /** {@code names[i]} mapped to {@code values[i]}, in that order. */
    static Map<String, Tensor> named(List<String> names, Tensor... values) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    /**
     * The parameters after {@code replacements}: every replacement must name an existing parameter and keep
     * its shape.
     */
    static Map<String, Tensor> replaced(String type, Map<String, Tensor> current, Map<String, Tensor> replacements) {
        Map<String, Tensor> merged = new LinkedHashMap<>(current);
        for (Map.Entry<String, Tensor> r : replacements.entrySet()) {
            Tensor old = current.get(r.getKey());
            if (old == null) {
                throw new IllegalArgumentException(type + " has no parameter '" + r.getKey() + "' (it has " + current.keySet() + ")");
            }
            if (!old.sameShape(r.getValue())) {
                throw new IllegalArgumentException(type + " parameter '" + r.getKey() + "' must keep shape "
                        + Arrays.toString(old.shape()) + ", got " + Arrays.toString(r.getValue().shape()));
            }
            merged.put(r.getKey(), r.getValue());
        }
        return merged;
    }
}
