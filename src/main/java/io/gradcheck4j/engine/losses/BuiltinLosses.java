package io.gradcheck4j.engine.losses;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.LossProvider;
import java.util.List;

/** Registers the built-in losses with {@link io.gradcheck4j.engine.Losses}. */
public final class BuiltinLosses implements LossProvider {

    @Override
    public List<Loss> losses() {
        return List.of(new HalfSquaredError(), new MeanSquaredError(), new SoftmaxCrossEntropy(),
                new BinaryCrossEntropy(), new BinaryCrossEntropyWithLogits(), new L1Loss(), new Huber());
    }
}
