package io.gradcheck4j.contract;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A {@link LayerType} for a bare {@link Layer} without a registration: one instance (e.g. from a public
 * no-arg constructor) checked on random inputs of a given shape; it has kinks when it reports a branch
 * pattern ({@link Layer#branchPattern}). Samples: three inputs uniform in
 * [-3, 3] and one in [-0.1, 0.1]; an entry that lands next to a kink is left there: the gradient check
 * reports it as non-differentiable.
 */
public final class LayerClassType implements LayerType {
    private final Supplier<Layer> factory;
    private final int[] inputShape;
    private final String name;

    /** The layers {@code factory} makes, on inputs of {@code inputShape}. */
    public LayerClassType(Supplier<Layer> factory, int... inputShape) {
        Tensor.sizeOf(inputShape);
        this.factory = factory;
        this.inputShape = inputShape.clone();
        this.name = factory.get().type();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasKinks() {
        return factory.get().branchPattern(Tensor.filled(0.5, inputShape)).length > 0;
    }

    @Override
    public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
        return factory.get().withParameters(parameters);
    }

    @Override
    public List<LayerSample> samples(RandomGenerator random) {
        String shape = Arrays.toString(inputShape);
        List<LayerSample> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Layer layer = factory.get();
            samples.add(new LayerSample("#" + (k + 1) + " input " + shape + " in [-3, 3]", layer, RandomTensors.uniform(random, -3, 3, inputShape)));
        }
        Layer layer = factory.get();
        samples.add(new LayerSample("#4 input " + shape + " in [-0.1, 0.1]", layer, RandomTensors.uniform(random, -0.1, 0.1, inputShape)));
        return samples;
    }
}
