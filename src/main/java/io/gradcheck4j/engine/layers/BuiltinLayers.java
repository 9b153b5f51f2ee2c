package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerParameters;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Registers the core layers: affine, sigmoid, tanh, relu, step and identity. */
public final class BuiltinLayers implements LayerTypeProvider {
    private static final double[] KINK_AT_ZERO = {0.0};

    @Override
    public List<LayerType> layerTypes() {
        return List.of(
                new AffineType(),
                new ElementwiseType(Sigmoid.TYPE, false, Sigmoid::new),
                new ElementwiseType(Tanh.TYPE, false, Tanh::new),
                new ElementwiseType(ReLU.TYPE, true, ReLU::new),
                new ElementwiseType(Step.TYPE, true, Step::new),
                new ElementwiseType(Identity.TYPE, false, Identity::new));
    }

    /** Affine layers of random sizes; edge cases: a 1x1 layer and an all-zero input. */
    static final class AffineType extends NamedLayerType {
        AffineType() {
            super(Affine.TYPE, false);
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor[] weightBias = requireExactly(parameters, Affine.WEIGHT, Affine.BIAS);
            return new Affine(weightBias[0], weightBias[1]);
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            List<LayerSample> samples = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                int in = random.nextInt(1, 6);
                int out = random.nextInt(1, 6);
                int batch = random.nextInt(1, 5);
                samples.add(new LayerSample("batch " + batch + ", " + in + " -> " + out, random(random, in, out),
                        RandomTensors.uniform(random, -2, 2, batch, in)));
            }
            samples.add(new LayerSample("1 -> 1, batch 1", random(random, 1, 1), RandomTensors.uniform(random, -2, 2, 1, 1)));
            samples.add(new LayerSample("all-zero input", random(random, 3, 2), Tensor.zeros(2, 3)));
            return samples;
        }

        private static Affine random(RandomGenerator random, int in, int out) {
            return new Affine(RandomTensors.uniform(random, -1, 1, in, out), RandomTensors.uniform(random, -1, 1, out));
        }
    }

    /**
     * Element-wise activations on random [batch, width] inputs in [-3, 3] and a saturated input in
     * [-12, 12]; kinked ones keep inputs at least 0.01 away from the kink at 0.
     */
    static final class ElementwiseType extends NamedLayerType {
        private final Supplier<Layer> factory;

        ElementwiseType(String name, boolean kinks, Supplier<Layer> factory) {
            super(name, kinks);
            this.factory = factory;
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            LayerParameters.requireOnly(name(), parameters);
            return factory.get();
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            List<LayerSample> samples = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                int batch = random.nextInt(1, 5);
                int width = random.nextInt(1, 7);
                samples.add(new LayerSample("batch " + batch + ", width " + width, factory.get(), input(random, -3, 3, batch, width)));
            }
            samples.add(new LayerSample("saturated values in [-12, 12]", factory.get(), input(random, -12, 12, 2, 4)));
            return samples;
        }

        private Tensor input(RandomGenerator random, double lo, double hi, int... shape) {
            return hasKinks()
                    ? RandomTensors.uniformAvoiding(random, lo, hi, 0.01, KINK_AT_ZERO, shape)
                    : RandomTensors.uniform(random, lo, hi, shape);
        }
    }
}
