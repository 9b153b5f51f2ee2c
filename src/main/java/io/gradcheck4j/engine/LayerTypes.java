package io.gradcheck4j.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of layer types: every {@link LayerTypeProvider} found by {@link ServiceLoader} on a class
 * loader, built-ins included. Names must be unique.
 */
public final class LayerTypes {
    private final Map<String, LayerType> byName;

    private LayerTypes(Map<String, LayerType> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The types registered on this library's class loader. */
    public static LayerTypes builtIn() {
        return load(LayerTypes.class.getClassLoader());
    }

    /** The types registered on {@code loader} (e.g. one that sees a user's jar). */
    public static LayerTypes load(ClassLoader loader) {
        Map<String, LayerType> types = new LinkedHashMap<>();
        for (LayerTypeProvider provider : ServiceLoader.load(LayerTypeProvider.class, loader)) {
            for (LayerType type : provider.layerTypes()) {
                LayerType previous = types.putIfAbsent(type.name(), type);
                if (previous != null && previous.getClass() != type.getClass()) {
                    throw new IllegalStateException("layer type " + type.name() + " is registered twice: "
                            + previous.getClass().getName() + " and " + type.getClass().getName());
                }
            }
        }
        return new LayerTypes(types);
    }

    /** Every registered type, in registration order. */
    public List<LayerType> all() {
        return new ArrayList<>(byName.values());
    }

    /** The type named {@code name}, if registered. */
    public Optional<LayerType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The sorted registered names. */
    public List<String> names() {
        List<String> names = new ArrayList<>(byName.keySet());
        Collections.sort(names);
        return names;
    }
}
