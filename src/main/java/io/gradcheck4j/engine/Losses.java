package io.gradcheck4j.engine;

import io.gradcheck4j.engine.losses.BinaryCrossEntropy;
import io.gradcheck4j.engine.losses.BinaryCrossEntropyWithLogits;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.Huber;
import io.gradcheck4j.engine.losses.L1Loss;
import io.gradcheck4j.engine.losses.MeanSquaredError;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The built-in losses by type name. */
public final class Losses {
    private static final Map<String, Loss> BY_NAME = new TreeMap<>();

    static {
        for (Loss loss : List.of(new HalfSquaredError(), new MeanSquaredError(), new SoftmaxCrossEntropy(),
                new BinaryCrossEntropy(), new BinaryCrossEntropyWithLogits(), new L1Loss(), new Huber())) {
            BY_NAME.put(loss.type(), loss);
        }
    }

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
}
