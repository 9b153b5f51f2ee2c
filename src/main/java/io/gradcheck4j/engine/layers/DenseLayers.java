package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerParameters;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Registers the dense-network layer zoo: softmax, log_softmax, leaky_relu, elu, gelu, softplus,
 * batch_norm, layer_norm and dropout.
 *
 * <p>Fixture options (numbers): leaky_relu {@code slope} (default 0.01); elu {@code alpha} (default 1);
 * batch_norm and layer_norm {@code epsilon} (default 1e-5); dropout {@code rate} (default 0.5) and
 * {@code seed} (an integer, required). batch_norm and layer_norm take parameters {@code gamma} and
 * {@code beta} [features].
 */
public final class DenseLayers implements LayerTypeProvider {
    private static final double[] KINK_AT_ZERO = {0.0};

    @Override
    public List<LayerType> layerTypes() {
        return List.of(
                new Activation(Softmax.TYPE, false, List.of(), o -> new Softmax(), r -> lastAxisSamples(r, new Softmax())),
                new Activation(LogSoftmax.TYPE, false, List.of(), o -> new LogSoftmax(), r -> lastAxisSamples(r, new LogSoftmax())),
                new Activation(LeakyReLU.TYPE, true, List.of(LeakyReLU.SLOPE),
                        o -> new LeakyReLU(number(LeakyReLU.TYPE, o, LeakyReLU.SLOPE, LeakyReLU.DEFAULT_SLOPE)),
                        DenseLayers::leakyReluSamples),
                new Activation(ELU.TYPE, true, List.of(ELU.ALPHA),
                        o -> new ELU(number(ELU.TYPE, o, ELU.ALPHA, ELU.DEFAULT_ALPHA)), DenseLayers::eluSamples),
                new Activation(GELU.TYPE, false, List.of(), o -> new GELU(), r -> smoothSamples(r, new GELU(), 12)),
                new Activation(Softplus.TYPE, false, List.of(), o -> new Softplus(), r -> smoothSamples(r, new Softplus(), 40)),
                new Activation(Dropout.TYPE, false, List.of(Dropout.RATE, Dropout.SEED),
                        o -> new Dropout(number(Dropout.TYPE, o, Dropout.RATE, 0.5), integer(Dropout.TYPE, o, Dropout.SEED)),
                        DenseLayers::dropoutSamples),
                new NormalizationType(BatchNorm.TYPE, BatchNorm::new, DenseLayers::batchNormSamples),
                new NormalizationType(LayerNorm.TYPE, LayerNorm::new, DenseLayers::layerNormSamples));
    }

    /** A parameter-free layer type built from its options. */
    private record Activation(String name, boolean hasKinks, List<String> optionNames,
                              Function<Map<String, Object>, Layer> factory,
                              Function<RandomGenerator, List<LayerSample>> sampler) implements LayerType {
        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            LayerParameters.requireOnly(name, parameters);
            IntegerOptions.requireOnly(name, options, optionNames.toArray(String[]::new));
            return factory.apply(options);
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return sampler.apply(random);
        }
    }

    /** batch_norm or layer_norm: parameters gamma and beta [features], option epsilon. */
    private static final class NormalizationType extends NamedLayerType {
        /** The layer from &gamma;, &beta; and &epsilon;. */
        @FunctionalInterface
        private interface Factory {
            Normalization create(Tensor gamma, Tensor beta, double epsilon);
        }

        private final Factory factory;
        private final Function<RandomGenerator, List<LayerSample>> sampler;

        NormalizationType(String name, Factory factory, Function<RandomGenerator, List<LayerSample>> sampler) {
            super(name, false);
            this.factory = factory;
            this.sampler = sampler;
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor[] gammaBeta = requireExactly(parameters, Normalization.GAMMA, Normalization.BETA);
            IntegerOptions.requireOnly(name(), options, Normalization.EPSILON);
            return factory.create(gammaBeta[0], gammaBeta[1], number(name(), options, Normalization.EPSILON, Normalization.DEFAULT_EPSILON));
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return sampler.apply(random);
        }
    }

    /** batch_norm: random batches of 3-6 rows; edge cases batch 2, batch 1 (zero variance) and large offsets. */
    private static List<LayerSample> batchNormSamples(RandomGenerator random) {
        List<LayerSample> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int batch = random.nextInt(3, 7);
            int features = random.nextInt(1, 5);
            samples.add(new LayerSample("batch " + batch + ", " + features + " features", randomNormalization(random, features, BatchNorm::new),
                    RandomTensors.uniform(random, -3, 3, batch, features)));
        }
        samples.add(new LayerSample("batch 2 (xhat = +-1)", randomNormalization(random, 3, BatchNorm::new),
                RandomTensors.uniform(random, -3, 3, 2, 3)));
        samples.add(new LayerSample("batch 1 (zero variance: y = beta, dx = 0)", randomNormalization(random, 2, BatchNorm::new),
                RandomTensors.uniform(random, -3, 3, 1, 2)));
        samples.add(new LayerSample("values around 50 with spread 1", randomNormalization(random, 2, BatchNorm::new),
                RandomTensors.uniform(random, 49.5, 50.5, 4, 2)));
        return samples;
    }

    /** layer_norm: random rows; edge cases a single row, a rank-3 input and width 1 (zero variance). */
    private static List<LayerSample> layerNormSamples(RandomGenerator random) {
        List<LayerSample> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int batch = random.nextInt(1, 5);
            int width = random.nextInt(2, 7);
            samples.add(new LayerSample("batch " + batch + ", width " + width, randomNormalization(random, width, LayerNorm::new),
                    RandomTensors.uniform(random, -3, 3, batch, width)));
        }
        samples.add(new LayerSample("batch 1", randomNormalization(random, 4, LayerNorm::new), RandomTensors.uniform(random, -3, 3, 1, 4)));
        samples.add(new LayerSample("rank 3 [2, 3, 4]", randomNormalization(random, 4, LayerNorm::new),
                RandomTensors.uniform(random, -3, 3, 2, 3, 4)));
        samples.add(new LayerSample("width 1 (zero variance: y = beta, dx = 0)", randomNormalization(random, 1, LayerNorm::new),
                RandomTensors.uniform(random, -3, 3, 3, 1)));
        return samples;
    }

    /** A normalization layer with &gamma; in [0.5, 2), &beta; in [-1, 1) and the default &epsilon;. */
    private static Normalization randomNormalization(RandomGenerator random, int features, NormalizationType.Factory factory) {
        return factory.create(RandomTensors.uniform(random, 0.5, 2, features), RandomTensors.uniform(random, -1, 1, features),
                Normalization.DEFAULT_EPSILON);
    }

    /** Softmax-like layers: random logits, batch 1, large logits (up to +-300) and a rank-3 input. */
    private static List<LayerSample> lastAxisSamples(RandomGenerator random, Layer layer) {
        List<LayerSample> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int batch = random.nextInt(1, 5);
            int width = random.nextInt(1, 7);
            samples.add(new LayerSample("batch " + batch + ", width " + width, layer, RandomTensors.uniform(random, -3, 3, batch, width)));
        }
        samples.add(new LayerSample("batch 1", layer, RandomTensors.uniform(random, -3, 3, 1, 5)));
        samples.add(new LayerSample("large logits in [-300, 300] (exp would overflow without the max shift)", layer,
                RandomTensors.uniform(random, -300, 300, 2, 4)));
        samples.add(new LayerSample("rank 3 [2, 2, 3]", layer, RandomTensors.uniform(random, -3, 3, 2, 2, 3)));
        return samples;
    }

    /** Leaky ReLU with slopes 0.01, 0.2 and -0.5 on inputs kept 0.01 away from the kink, and saturated inputs. */
    private static List<LayerSample> leakyReluSamples(RandomGenerator random) {
        return kinkAtZeroSamples(random, "slope", new double[] {LeakyReLU.DEFAULT_SLOPE, 0.2, -0.5}, LeakyReLU::new,
                "values in [-12, 12]", -12, 12);
    }

    /** ELU with alpha 1 (smooth), 0.5 and 2 (kinked at 0); inputs kept 0.01 away from 0; saturation down to -20. */
    private static List<LayerSample> eluSamples(RandomGenerator random) {
        return kinkAtZeroSamples(random, "alpha", new double[] {ELU.DEFAULT_ALPHA, 0.5, 2.0}, ELU::new,
                "saturated values in [-20, 5]", -20, 5);
    }

    /**
     * One random [batch, width] sample in [-3, 3] per value of the layer's option, then the first value on a
     * [2, 4] input in [lo, hi]; every input is kept 0.01 away from 0.
     */
    private static List<LayerSample> kinkAtZeroSamples(RandomGenerator random, String option, double[] values,
                                                       DoubleFunction<Layer> layer, String wide, double lo, double hi) {
        List<LayerSample> samples = new ArrayList<>();
        for (double value : values) {
            int batch = random.nextInt(1, 5);
            int width = random.nextInt(1, 7);
            samples.add(new LayerSample(option + " " + value + ", batch " + batch + ", width " + width, layer.apply(value),
                    RandomTensors.uniformAvoiding(random, -3, 3, 0.01, KINK_AT_ZERO, batch, width)));
        }
        samples.add(new LayerSample(option + " " + values[0] + ", " + wide, layer.apply(values[0]),
                RandomTensors.uniformAvoiding(random, lo, hi, 0.01, KINK_AT_ZERO, 2, 4)));
        return samples;
    }

    /** A smooth activation on random inputs, batch 1, an input holding exactly 0, and saturated inputs. */
    private static List<LayerSample> smoothSamples(RandomGenerator random, Layer layer, int saturation) {
        List<LayerSample> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int batch = random.nextInt(1, 5);
            int width = random.nextInt(1, 7);
            samples.add(new LayerSample("batch " + batch + ", width " + width, layer, RandomTensors.uniform(random, -3, 3, batch, width)));
        }
        samples.add(new LayerSample("batch 1 holding 0", layer, Tensor.matrix(new double[] {0.0, random.nextDouble(-1, 1)})));
        samples.add(new LayerSample("saturated values in [-" + saturation + ", " + saturation + "]", layer,
                RandomTensors.uniform(random, -saturation, saturation, 2, 4)));
        return samples;
    }

    /** Dropout with rates 0.5, 0 (identity) and 0.9, random seeds, batch 1 and a rank-3 input. */
    private static List<LayerSample> dropoutSamples(RandomGenerator random) {
        List<LayerSample> samples = new ArrayList<>();
        samples.add(new LayerSample("rate 0.5, batch 4", new Dropout(0.5, random.nextLong()), RandomTensors.uniform(random, -3, 3, 4, 5)));
        samples.add(new LayerSample("rate 0 (identity)", new Dropout(0, random.nextLong()), RandomTensors.uniform(random, -3, 3, 3, 2)));
        samples.add(new LayerSample("rate 0.9, batch 1", new Dropout(0.9, random.nextLong()), RandomTensors.uniform(random, -3, 3, 1, 8)));
        samples.add(new LayerSample("rate 0.3, rank 3 [2, 3, 2]", new Dropout(0.3, random.nextLong()),
                RandomTensors.uniform(random, -3, 3, 2, 3, 2)));
        return samples;
    }

    /** The numeric option {@code name}, or {@code fallback} when absent. */
    private static double number(String type, Map<String, Object> options, String name, double fallback) {
        Object value = options.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(type + " option '" + name + "' must be a number, got " + describe(value));
        }
        return n.doubleValue();
    }

    /** The required integer option {@code name} (any integral JSON number that fits a long). */
    private static long integer(String type, Map<String, Object> options, String name) {
        Object value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(type + " needs option '" + name + "' (an integer)");
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (value instanceof BigDecimal d) {
                return d.longValueExact();
            }
            if (value instanceof Double || value instanceof Float) {
                return new BigDecimal(((Number) value).doubleValue()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(type + " option '" + name + "' must be an integer that fits 64 bits, got " + value, e);
        }
        throw new IllegalArgumentException(type + " option '" + name + "' must be an integer, got " + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
