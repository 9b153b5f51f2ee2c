package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The probe fast path is bit-for-bit the slow path: withParameters(one entry changed) then forward (a plain layer takes the slow path itself). */
class ParameterProbeProperties {

    @Property(seed = "20261123", tries = 200)
    void affineProbeEqualsRebuiltLayerExactly(@ForAll @IntRange(min = 1, max = 40) int in,
                                              @ForAll @IntRange(min = 1, max = 40) int out,
                                              @ForAll @IntRange(min = 1, max = 6) int batch,
                                              @ForAll long seed) {
        // GIVEN a random affine layer, input and one entry of W or b with a new value
        SplittableRandom random = new SplittableRandom(seed);
        Affine layer = new Affine(RandomTensors.uniform(random, -3, 3, in, out), RandomTensors.uniform(random, -3, 3, out));
        Tensor x = RandomTensors.uniform(random, -3, 3, batch, in);
        String param = random.nextBoolean() ? Affine.WEIGHT : Affine.BIAS;
        Tensor value = layer.parameters().get(param);
        int index = random.nextInt(value.size());
        double newValue = pickValue(random, value.get(index));

        // WHEN the probe computes the perturbed output
        Tensor fast = layer.probe(param, x).forwardWith(index, newValue);

        // THEN it equals the rebuilt layer's full forward pass to the last bit, and the layer is unchanged
        Tensor slow = layer.withParameters(Map.of(param, value.with(index, newValue))).forward(x);
        assertEquals(slow, fast);
        assertEquals(value, layer.parameters().get(param));
    }

    @Property(seed = "4711", tries = 30)
    void probeOfEveryRegisteredLayerEqualsRebuiltLayer(@ForAll long seed) {
        // GIVEN every sample of every registered layer type that has parameters
        SplittableRandom random = new SplittableRandom(seed);
        for (LayerType type : LayerTypes.builtIn().all()) {
            for (LayerSample sample : type.samples(random)) {
                Layer layer = sample.layer();
                for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
                    if (p.getValue().size() == 0) {
                        continue;
                    }
                    ParameterProbe probe = Probes.parameter(layer, p.getKey(), sample.input(), layer.forward(sample.input()));
                    for (int k = 0; k < 3; k++) {
                        int index = random.nextInt(p.getValue().size());
                        double newValue = pickValue(random, p.getValue().get(index));

                        // WHEN one entry is probed
                        Tensor fast = probe.forwardWith(index, newValue);

                        // THEN the result is that of the rebuilt layer, whatever was probed before
                        Tensor slow = layer.withParameters(Map.of(p.getKey(), p.getValue().with(index, newValue))).forward(sample.input());
                        assertEquals(slow, fast, type.name() + " (" + sample.description() + ") " + p.getKey() + "[" + index + "] = " + newValue);
                    }
                }
            }
        }
    }

    private static double pickValue(SplittableRandom random, double original) {
        return switch (random.nextInt(5)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> original + 6.06e-6 * Math.max(Math.abs(original), 1);
            case 3 -> original - 6.06e-6 * Math.max(Math.abs(original), 1);
            default -> random.nextDouble(-5, 5);
        };
    }
}
