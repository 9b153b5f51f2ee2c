package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerParameters;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What the registered layer types share: a fixed name and kink flag, reading exactly the named
 * parameters of a fixture, and random sequence inputs for samples.
 */
abstract class NamedLayerType implements LayerType {
    private final String name;
    private final boolean hasKinks;

    NamedLayerType(String name, boolean hasKinks) {
        this.name = name;
        this.hasKinks = hasKinks;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean hasKinks() {
        return hasKinks;
    }

    /**
     * The parameters {@code names} in that order; an error naming this type when one is missing or when
     * {@code parameters} holds any other.
     */
    final Tensor[] requireExactly(Map<String, Tensor> parameters, String... names) {
        Tensor[] values = new Tensor[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = LayerParameters.require(name, parameters, names[i]);
        }
        LayerParameters.requireOnly(name, parameters, names);
        return values;
    }

    /** {@code layer} with a uniform random input in [-1.5, 1.5) of shape [batch, time, width]. */
    static LayerSample onSequence(RandomGenerator random, String description, Layer layer,
                                  int batch, int time, int width) {
        return new LayerSample(description, layer, RandomTensors.uniform(random, -1.5, 1.5, batch, time, width));
    }
}
