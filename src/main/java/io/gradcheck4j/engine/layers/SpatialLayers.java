package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * Registers the image layers on NCHW tensors: conv2d (options {@code stride}, default 1, and
 * {@code padding}, default 0), max_pool2d and avg_pool2d (options {@code kernel}, required, and
 * {@code stride}, default the kernel) and flatten.
 */
public final class SpatialLayers implements LayerTypeProvider {
    private static final String STRIDE = "stride";
    private static final String PADDING = "padding";
    private static final String KERNEL = "kernel";

    @Override
    public List<LayerType> layerTypes() {
        return List.of(new Conv2DType(), new MaxPoolType(), new AvgPoolType(), new FlattenType());
    }

    /** Convolutions; edge cases: stride 2 with padding 1, a 1x1 kernel, a non-square kernel, padding wider than the kernel reach. */
    static final class Conv2DType extends NamedLayerType {
        Conv2DType() {
            super(Conv2D.TYPE, false);
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor[] p = requireExactly(parameters, Conv2D.WEIGHT, Conv2D.BIAS);
            IntegerOptions.requireOnly(Conv2D.TYPE, options, STRIDE, PADDING);
            return new Conv2D(p[0], p[1], IntegerOptions.get(Conv2D.TYPE, options, STRIDE, 1, 1),
                    IntegerOptions.get(Conv2D.TYPE, options, PADDING, 0, 0));
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return List.of(
                    sample(random, "1 channel 3x3 input, 2x2 kernel", 1, 1, 1, 3, 3, 2, 2, 1, 0),
                    sample(random, "2 -> 3 channels, 5x5 input, 3x3 kernel, stride 2, padding 1", 1, 2, 3, 5, 5, 3, 3, 2, 1),
                    sample(random, "1x1 kernel, 3 -> 2 channels, batch 2", 2, 3, 2, 3, 2, 1, 1, 1, 0),
                    sample(random, "2x3 kernel, stride 2 leaving a remainder, batch 2", 2, 1, 2, 4, 5, 2, 3, 2, 0),
                    sample(random, "padding 2 around a 2x2 input, 2x2 kernel", 1, 1, 1, 2, 2, 2, 2, 1, 2));
        }

        private static LayerSample sample(RandomGenerator random, String description, int batch, int inC, int outC,
                                          int h, int w, int kH, int kW, int stride, int padding) {
            Conv2D layer = new Conv2D(RandomTensors.uniform(random, -1, 1, outC, inC, kH, kW),
                    RandomTensors.uniform(random, -1, 1, outC), stride, padding);
            return new LayerSample(description, layer, RandomTensors.uniform(random, -2, 2, batch, inC, h, w));
        }
    }

    /** Pooling types: no parameters, options {@code kernel} (required, &ge; 1) and {@code stride} (default the kernel). */
    abstract static class PoolType extends NamedLayerType {
        private final BiFunction<Integer, Integer, Layer> kernelAndStride;

        PoolType(String name, boolean hasKinks, BiFunction<Integer, Integer, Layer> kernelAndStride) {
            super(name, hasKinks);
            this.kernelAndStride = kernelAndStride;
        }

        @Override
        public final Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            requireExactly(parameters);
            IntegerOptions.requireOnly(name(), options, KERNEL, STRIDE);
            int kernel = IntegerOptions.require(name(), options, KERNEL, 1);
            return kernelAndStride.apply(kernel, IntegerOptions.get(name(), options, STRIDE, kernel, 1));
        }
    }

    /**
     * Max pooling on inputs whose values are at least 0.25 apart (no perturbation crosses a tie), plus one
     * input with a tie in a window: the kink the branch pattern must reveal.
     */
    static final class MaxPoolType extends PoolType {
        MaxPoolType() {
            super(MaxPool2D.TYPE, true, MaxPool2D::new);
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            Tensor tie = Tensor.of(new double[] {0.5, 0.5, -1.0, 0.25}, 1, 1, 2, 2);
            return List.of(
                    new LayerSample("2x2 windows, stride 2, 2 channels", new MaxPool2D(2, 2), distinct(random, 1, 2, 4, 4)),
                    new LayerSample("overlapping 3x3 windows, stride 1, batch 2", new MaxPool2D(3, 1), distinct(random, 2, 1, 4, 4)),
                    new LayerSample("2x2 windows, stride 2 on 5x5 (last row and column unused)", new MaxPool2D(2, 2), distinct(random, 1, 1, 5, 5)),
                    new LayerSample("1x1 kernel (identity)", new MaxPool2D(1, 1), distinct(random, 1, 2, 2, 2)),
                    new LayerSample("tie for the maximum in the window (kink)", new MaxPool2D(2, 2), tie));
        }

        /** The values 0.25 &middot; (0 .. size-1) - size/8 in random order. */
        private static Tensor distinct(RandomGenerator random, int... shape) {
            int size = Tensor.sizeOf(shape);
            double[] values = new double[size];
            for (int k = 0; k < size; k++) {
                values[k] = 0.25 * k - size / 8.0;
            }
            for (int k = size - 1; k > 0; k--) {
                int other = random.nextInt(k + 1);
                double swap = values[k];
                values[k] = values[other];
                values[other] = swap;
            }
            return Tensor.wrap(values, shape);
        }
    }

    /** Average pooling; edge cases: overlapping windows, a remainder row and column, a 1x1 kernel. */
    static final class AvgPoolType extends PoolType {
        AvgPoolType() {
            super(AvgPool2D.TYPE, false, AvgPool2D::new);
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return List.of(
                    new LayerSample("2x2 windows, stride 2, 2 channels", new AvgPool2D(2, 2), RandomTensors.uniform(random, -2, 2, 1, 2, 4, 4)),
                    new LayerSample("overlapping 3x3 windows, stride 1, batch 2", new AvgPool2D(3, 1), RandomTensors.uniform(random, -2, 2, 2, 1, 4, 4)),
                    new LayerSample("2x2 windows, stride 2 on 5x5 (last row and column unused)", new AvgPool2D(2, 2), RandomTensors.uniform(random, -2, 2, 1, 1, 5, 5)),
                    new LayerSample("1x1 kernel (identity)", new AvgPool2D(1, 1), RandomTensors.uniform(random, -2, 2, 1, 2, 2, 2)));
        }
    }

    /** Flatten on inputs of rank 2, 3 and 4. */
    static final class FlattenType extends NamedLayerType {
        FlattenType() {
            super(Flatten.TYPE, false);
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            requireExactly(parameters);
            IntegerOptions.requireOnly(Flatten.TYPE, options);
            return new Flatten();
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return List.of(
                    new LayerSample("NCHW [2, 2, 3, 2]", new Flatten(), RandomTensors.uniform(random, -2, 2, 2, 2, 3, 2)),
                    new LayerSample("[batch, seq, dim] = [2, 3, 2]", new Flatten(), RandomTensors.uniform(random, -2, 2, 2, 3, 2)),
                    new LayerSample("already flat [3, 4]", new Flatten(), RandomTensors.uniform(random, -2, 2, 3, 4)));
        }
    }
}
