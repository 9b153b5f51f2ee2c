package io.gradcheck4j.contract;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerParameters;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Registers {@link TestSoftplus} through src/test/resources/META-INF/services, the way a user registers a
 * layer type: it then appears in {@code LayerTypes.builtIn()} and every generic test covers it.
 */
public final class TestLayerTypes implements LayerTypeProvider {

    @Override
    public List<LayerType> layerTypes() {
        return List.of(new LayerType() {
            @Override
            public String name() {
                return TestSoftplus.TYPE;
            }

            @Override
            public boolean hasKinks() {
                return false;
            }

            @Override
            public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
                LayerParameters.requireOnly(TestSoftplus.TYPE, parameters);
                return new TestSoftplus();
            }

            @Override
            public List<LayerSample> samples(RandomGenerator random) {
                return List.of(
                        new LayerSample("batch 3, width 4", new TestSoftplus(), RandomTensors.uniform(random, -3, 3, 3, 4)),
                        new LayerSample("large values", new TestSoftplus(), RandomTensors.uniform(random, -40, 40, 2, 2)));
            }
        });
    }
}
