package io.gradcheck4j.engine.layers;

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
 * Registers the sequence layers on [batch, seq, ...] tensors: embedding (integer inputs, see
 * {@link LayerType#integerInput()}), rnn, lstm and self_attention. None takes options.
 */
public final class SequenceLayers implements LayerTypeProvider {

    @Override
    public List<LayerType> layerTypes() {
        return List.of(new EmbeddingType(), new RnnType(), new LstmType(), new SelfAttentionType());
    }

    /** Embeddings; edge cases: a token repeated in the batch, a vocabulary of one. */
    static final class EmbeddingType implements LayerType {
        @Override
        public String name() {
            return Embedding.TYPE;
        }

        @Override
        public boolean hasKinks() {
            return false;
        }

        @Override
        public boolean integerInput() {
            return true;
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor weight = LayerParameters.require(Embedding.TYPE, parameters, Embedding.WEIGHT);
            LayerParameters.requireOnly(Embedding.TYPE, parameters, Embedding.WEIGHT);
            IntegerOptions.requireOnly(Embedding.TYPE, options);
            return new Embedding(weight);
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
    static final class RnnType implements LayerType {
        @Override
        public String name() {
            return SimpleRnn.TYPE;
        }

        @Override
        public boolean hasKinks() {
            return false;
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor wx = LayerParameters.require(SimpleRnn.TYPE, parameters, SimpleRnn.INPUT_WEIGHT);
            Tensor wh = LayerParameters.require(SimpleRnn.TYPE, parameters, SimpleRnn.HIDDEN_WEIGHT);
            Tensor b = LayerParameters.require(SimpleRnn.TYPE, parameters, SimpleRnn.BIAS);
            LayerParameters.requireOnly(SimpleRnn.TYPE, parameters, SimpleRnn.INPUT_WEIGHT, SimpleRnn.HIDDEN_WEIGHT, SimpleRnn.BIAS);
            IntegerOptions.requireOnly(SimpleRnn.TYPE, options);
            return new SimpleRnn(wx, wh, b);
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
            return new LayerSample(description, rnn, RandomTensors.uniform(random, -1.5, 1.5, batch, time, features));
        }
    }

    /** LSTMs; edge cases: sequence length 1, hidden size 1. */
    static final class LstmType implements LayerType {
        @Override
        public String name() {
            return Lstm.TYPE;
        }

        @Override
        public boolean hasKinks() {
            return false;
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor wx = LayerParameters.require(Lstm.TYPE, parameters, Lstm.INPUT_WEIGHT);
            Tensor wh = LayerParameters.require(Lstm.TYPE, parameters, Lstm.HIDDEN_WEIGHT);
            Tensor b = LayerParameters.require(Lstm.TYPE, parameters, Lstm.BIAS);
            LayerParameters.requireOnly(Lstm.TYPE, parameters, Lstm.INPUT_WEIGHT, Lstm.HIDDEN_WEIGHT, Lstm.BIAS);
            IntegerOptions.requireOnly(Lstm.TYPE, options);
            return new Lstm(wx, wh, b);
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
            return new LayerSample(description, lstm, RandomTensors.uniform(random, -1.5, 1.5, batch, time, features));
        }
    }

    /** Self-attention; edge cases: sequence length 1 (output x W<sub>v</sub>), d<sub>k</sub> = 1. */
    static final class SelfAttentionType implements LayerType {
        @Override
        public String name() {
            return SelfAttention.TYPE;
        }

        @Override
        public boolean hasKinks() {
            return false;
        }

        @Override
        public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
            Tensor wq = LayerParameters.require(SelfAttention.TYPE, parameters, SelfAttention.QUERY);
            Tensor wk = LayerParameters.require(SelfAttention.TYPE, parameters, SelfAttention.KEY);
            Tensor wv = LayerParameters.require(SelfAttention.TYPE, parameters, SelfAttention.VALUE);
            LayerParameters.requireOnly(SelfAttention.TYPE, parameters, SelfAttention.QUERY, SelfAttention.KEY, SelfAttention.VALUE);
            IntegerOptions.requireOnly(SelfAttention.TYPE, options);
            return new SelfAttention(wq, wk, wv);
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
            return new LayerSample(description, attention, RandomTensors.uniform(random, -1.5, 1.5, batch, seq, dim));
        }
    }
}
