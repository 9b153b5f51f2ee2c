package io.gradcheck4j.contract;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A {@link LayerType} for a bare {@link Layer} without a registration: instances from a factory (e.g. a
 * public no-arg constructor) checked on random inputs of a given shape; it has kinks when it reports a branch
 * pattern ({@link Layer#branchPattern}). Samples, so that a rule that is right only at the default
 * initialisation or one batch size is caught (a LayerNorm whose dx ignores &gamma; passes at &gamma; = 1):
 * <ol>
 *   <li>three inputs uniform in [-3, 3] and one in [-0.1, 0.1], at the default parameters;</li>
 *   <li>two with every parameter drawn uniform in [-2, 2] (through {@link Layer#withParameters}), inputs in
 *       [-3, 3];</li>
 *   <li>for an input of rank 2 or more (the first axis is the batch): batch 1 and a batch of the given size
 *       plus 3, each with random parameters.</li>
 * </ol>
 * An entry that lands next to a kink is left there: the gradient check reports it as non-differentiable.
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
        if (factory.get().parameters().values().stream().anyMatch(p -> p.size() > 0)) {
            for (int k = 5; k <= 6; k++) {
                samples.add(new LayerSample("#" + k + " random parameters in [-2, 2], input " + shape + " in [-3, 3]",
                        randomParameters(random), RandomTensors.uniform(random, -3, 3, inputShape)));
            }
        }
        if (inputShape.length >= 2) {
            int number = samples.size() + 1;
            for (int batch : new int[] {1, inputShape[0] + 3}) {
                int[] batched = inputShape.clone();
                batched[0] = batch;
                samples.add(new LayerSample("#" + number++ + " batch " + batch + ": random parameters, input " + Arrays.toString(batched)
                        + " in [-3, 3]", randomParameters(random), RandomTensors.uniform(random, -3, 3, batched)));
            }
        }
        return samples;
    }

    /** A new instance with every parameter replaced by one of the same shape, uniform in [-2, 2]. */
    private Layer randomParameters(RandomGenerator random) {
        Layer layer = factory.get();
        Map<String, Tensor> drawn = new LinkedHashMap<>();
        layer.parameters().forEach((name, value) -> drawn.put(name, RandomTensors.uniform(random, -2, 2, value.shape())));
        return drawn.isEmpty() ? layer : layer.withParameters(drawn);
    }
}
