package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Registers the sequence layers on [batch, seq, ...] tensors: embedding (integer inputs, see
 * {@link LayerType#integerInput()}), rnn, lstm and self_attention. None takes options.
 */
public final class SequenceLayers implements LayerTypeProvider {

    @Override
    public List<LayerType> layerTypes() {
        return List.of(new EmbeddingType(), new RnnType(), new LstmType(), new SelfAttentionType());
    }

    /** Sequence layer types built from exactly their named parameter tensors; none takes options. */
    abstract static class TensorsOnlyType extends NamedLayerType {
        private final Function<Tensor[], Layer> fromParameters;
        private final String[] names;

        TensorsOnlyType(String name, Function<Tensor[], Layer> fromParameters, String... names) {
            super(name, false);
            this.fromParameters = fromParameters;
            this.names = names;
        }

        @Override
        public final Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor[] p = requireExactly(parameters, names);
            IntegerOptions.requireOnly(name(), options);
            return fromParameters.apply(p);
        }
    }

    /** Embeddings; edge cases: a token repeated in the batch, a vocabulary of one. */
    static final class EmbeddingType extends TensorsOnlyType {
        EmbeddingType() {
            super(Embedding.TYPE, p -> new Embedding(p[0]), Embedding.WEIGHT);
        }

        @Override
        public boolean integerInput() {
            return true;
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            double[] tokens = new double[6];
            for (int k = 0; k < tokens.length; k++) {
                tokens[k] = random.nextInt(5);
            }
            return List.of(
                    new LayerSample("vocab 5, dim 3, batch 2, seq 3", embedding(random, 5, 3), Tensor.of(tokens, 2, 3)),
                    new LayerSample("token 1 repeated (gradients accumulate)", embedding(random, 3, 2),
                            Tensor.of(new double[] {1, 1, 1, 0}, 2, 2)),
                    new LayerSample("vocabulary of one, seq 1", embedding(random, 1, 2), Tensor.of(new double[] {0}, 1, 1)));
        }

        private static Embedding embedding(RandomGenerator random, int vocab, int dim) {
            return new Embedding(RandomTensors.uniform(random, -1, 1, vocab, dim));
        }
    }

    /** Vanilla RNNs; edge cases: sequence length 1, hidden size 1. */
    static final class RnnType extends TensorsOnlyType {
        RnnType() {
            super(SimpleRnn.TYPE, p -> new SimpleRnn(p[0], p[1], p[2]), SimpleRnn.INPUT_WEIGHT, SimpleRnn.HIDDEN_WEIGHT, SimpleRnn.BIAS);
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return List.of(
                    sample(random, "batch 2, time 3, features 2, hidden 3", 2, 3, 2, 3),
                    sample(random, "sequence length 1", 2, 1, 3, 2),
                    sample(random, "hidden size 1, time 4", 1, 4, 2, 1));
        }

        private static LayerSample sample(RandomGenerator random, String description, int batch, int time, int features, int hidden) {
            SimpleRnn rnn = new SimpleRnn(RandomTensors.uniform(random, -1, 1, features, hidden),
                    RandomTensors.uniform(random, -1, 1, hidden, hidden), RandomTensors.uniform(random, -0.5, 0.5, hidden));
            return onSequence(random, description, rnn, batch, time, features);
        }
    }

    /** LSTMs; edge cases: sequence length 1, hidden size 1. */
    static final class LstmType extends TensorsOnlyType {
        LstmType() {
            super(Lstm.TYPE, p -> new Lstm(p[0], p[1], p[2]), Lstm.INPUT_WEIGHT, Lstm.HIDDEN_WEIGHT, Lstm.BIAS);
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return List.of(
                    sample(random, "batch 2, time 3, features 2, hidden 2", 2, 3, 2, 2),
                    sample(random, "sequence length 1", 1, 1, 3, 2),
                    sample(random, "hidden size 1, time 3", 2, 3, 1, 1));
        }

        private static LayerSample sample(RandomGenerator random, String description, int batch, int time, int features, int hidden) {
            Lstm lstm = new Lstm(RandomTensors.uniform(random, -1, 1, features, 4 * hidden),
                    RandomTensors.uniform(random, -1, 1, hidden, 4 * hidden), RandomTensors.uniform(random, -0.5, 0.5, 4 * hidden));
            return onSequence(random, description, lstm, batch, time, features);
        }
    }

    /** Self-attention; edge cases: sequence length 1 (output x W<sub>v</sub>), d<sub>k</sub> = 1. */
    static final class SelfAttentionType extends TensorsOnlyType {
        SelfAttentionType() {
            super(SelfAttention.TYPE, p -> new SelfAttention(p[0], p[1], p[2]), SelfAttention.QUERY, SelfAttention.KEY, SelfAttention.VALUE);
        }

        @Override
        public List<LayerSample> samples(RandomGenerator random) {
            return List.of(
                    sample(random, "batch 2, seq 3, dim 4, dk 2", 2, 3, 4, 2),
                    sample(random, "sequence length 1", 2, 1, 3, 2),
                    sample(random, "dk 1, seq 4", 1, 4, 2, 1));
        }

        private static LayerSample sample(RandomGenerator random, String description, int batch, int seq, int dim, int dk) {
            SelfAttention attention = new SelfAttention(RandomTensors.uniform(random, -1, 1, dim, dk),
                    RandomTensors.uniform(random, -1, 1, dim, dk), RandomTensors.uniform(random, -1, 1, dim, dk));
            return onSequence(random, description, attention, batch, seq, dim);
        }
    }
}
