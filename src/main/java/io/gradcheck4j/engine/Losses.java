package io.gradcheck4j.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The built-in losses by type name: every {@link LossProvider} found by {@link ServiceLoader} on this
 * library's class loader. Names must be unique.
 */
public final class Losses {
    private static final Map<String, Loss> BY_NAME = load();

    private Losses() {
    }

    /** The loss named {@code name}, if built in. */
    public static Optional<Loss> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every built-in loss, sorted by name. */
    public static List<Loss> all() {
        return List.copyOf(BY_NAME.values());
    }

    private static Map<String, Loss> load() {
        Map<String, Loss> byName = new TreeMap<>();
        for (LossProvider provider : ServiceLoader.load(LossProvider.class, Losses.class.getClassLoader())) {
            for (Loss loss : provider.losses()) {
                Loss previous = byName.putIfAbsent(loss.type(), loss);
                if (previous != null && previous.getClass() != loss.getClass()) {
                    throw new IllegalStateException("loss " + loss.type() + " is registered twice: "
                            + previous.getClass().getName() + " and " + loss.getClass().getName());
                }
            }
        }
        return byName;
    }
}
