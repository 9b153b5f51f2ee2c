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
 * [-3, 3] and one in [-0.1, 0.1]; inputs where moving one element by 1e-3 changes the layer's branch
 * pattern (a kink nearby) are redrawn.
 */
public final class LayerClassType implements LayerType {
    private static final double KINK_MARGIN = 1e-3;
    private static final int MAX_DRAWS = 1000;

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
            samples.add(new LayerSample("#" + (k + 1) + " input " + shape + " in [-3, 3]", layer, input(layer, random, 3)));
        }
        Layer layer = factory.get();
        samples.add(new LayerSample("#4 input " + shape + " in [-0.1, 0.1]", layer, input(layer, random, 0.1)));
        return samples;
    }

    private Tensor input(Layer layer, RandomGenerator random, double bound) {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Tensor x = RandomTensors.uniform(random, -bound, bound, inputShape);
            if (!nearKink(layer, x)) {
                return x;
            }
        }
        throw new IllegalStateException("layer " + name + ": no input in [-" + bound + ", " + bound + "] of shape "
                + Arrays.toString(inputShape) + " stays " + KINK_MARGIN + " away from its kinks");
    }

    private static boolean nearKink(Layer layer, Tensor x) {
        int[] base = layer.branchPattern(x);
        if (base.length == 0) {
            return false;
        }
        for (int j = 0; j < x.size(); j++) {
            if (!Arrays.equals(base, layer.branchPattern(x.with(j, x.get(j) + KINK_MARGIN)))
                    || !Arrays.equals(base, layer.branchPattern(x.with(j, x.get(j) - KINK_MARGIN)))) {
                return true;
            }
        }
        return false;
    }
}
