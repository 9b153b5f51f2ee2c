package io.gradcheck4j.engine.layers;

import java.util.Map;
import java.util.Set;

/**
 * Reads integer options of a layer from a fixture's {@code options} object, with errors naming the layer
 * type and the option.
 */
final class IntegerOptions {
    private IntegerOptions() {
    }

    /** Option {@code name} as an integer &ge; {@code min}, or {@code fallback} when absent. */
    static int get(String type, Map<String, Object> options, String name, int fallback, int min) {
        Object value = options.get(name);
        if (value == null) {
            return fallback;
        }
        return integer(type, name, value, min);
    }

    /** Option {@code name} as an integer &ge; {@code min}; an error when absent. */
    static int require(String type, Map<String, Object> options, String name, int min) {
        Object value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(type + " needs option '" + name + "'");
        }
        return integer(type, name, value, min);
    }

    /** An error when {@code options} holds a name other than {@code allowed}. */
    static void requireOnly(String type, Map<String, Object> options, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : options.keySet()) {
            if (!ok.contains(name)) {
                throw new IllegalArgumentException(type + " has no option '" + name + "'"
                        + (allowed.length == 0 ? " (it takes none)" : " (it takes " + String.join(", ", allowed) + ")"));
            }
        }
    }

    private static int integer(String type, String name, Object value, int min) {
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(type + " option '" + name + "' must be an integer, got " + value);
        }
        double d = number.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(type + " option '" + name + "' must be an integer, got " + value);
        }
        int i = (int) d;
        if (i < min) {
            throw new IllegalArgumentException(type + " option '" + name + "' must be >= " + min + ", got " + i);
        }
        return i;
    }
}
