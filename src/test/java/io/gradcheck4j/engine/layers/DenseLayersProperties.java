package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the dense layers that follow from their definitions, on random shapes and values. */
class DenseLayersProperties {

    @Property(seed = "20261123", tries = 60)
    void softmaxRowsSumToOneAndIgnoreAShift(@ForAll @IntRange(min = 1, max = 5) int batch, @ForAll @IntRange(min = 1, max = 6) int width,
                                            @ForAll @DoubleRange(min = -50, max = 50) double shift, @ForAll long seed) {
        // GIVEN
        Tensor x = RandomTensors.uniform(new SplittableRandom(seed), -5, 5, batch, width);
        Softmax softmax = new Softmax();

        // WHEN
        Tensor y = softmax.forward(x);
        Tensor shifted = softmax.forward(x.map(v -> v + shift));

        // THEN
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += y.at(b, j);
                assertEquals(y.at(b, j), shifted.at(b, j), 1e-12);
            }
            assertEquals(1, sum, 1e-14);
        }
    }

    @Property(seed = "20261124", tries = 60)
    void softmaxInputGradientRowsSumToZero(@ForAll @IntRange(min = 1, max = 5) int batch, @ForAll @IntRange(min = 1, max = 6) int width,
                                           @ForAll long seed) {
        // GIVEN sum_i y_i (dy_i - sum_j dy_j y_j) = sum dy y - 1 * sum dy y = 0
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = RandomTensors.uniform(random, -5, 5, batch, width);
        Tensor dy = RandomTensors.uniform(random, -1, 1, batch, width);
        Softmax softmax = new Softmax();

        // WHEN
        Tensor dx = softmax.backward(x, softmax.forward(x), dy).input();

        // THEN
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += dx.at(b, j);
            }
            assertEquals(0, sum, 1e-14);
        }
    }

    @Property(seed = "20261125", tries = 60)
    void logSoftmaxIsTheLogOfSoftmax(@ForAll @IntRange(min = 1, max = 6) int width, @ForAll long seed) {
        // GIVEN
        Tensor x = RandomTensors.uniform(new SplittableRandom(seed), -20, 20, 3, width);

        // WHEN
        Tensor viaLog = new LogSoftmax().forward(x).map(Math::exp);
        Tensor direct = new Softmax().forward(x);

        // THEN
        for (int i = 0; i < x.size(); i++) {
            assertEquals(direct.get(i), viaLog.get(i), 1e-14);
        }
    }

    @Property(seed = "20261126", tries = 60)
    void batchNormOutputHasMeanBetaAndVarianceGammaSquared(@ForAll @IntRange(min = 2, max = 8) int batch,
                                                           @ForAll @IntRange(min = 1, max = 4) int features, @ForAll long seed) {
        // GIVEN eps = 0 and columns that are not constant
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = RandomTensors.uniform(random, -10, 10, batch, features);
        Tensor gamma = RandomTensors.uniform(random, 0.5, 3, features);
        Tensor beta = RandomTensors.uniform(random, -2, 2, features);

        // WHEN
        Tensor y = new BatchNorm(gamma, beta, 0).forward(x);

        // THEN
        for (int j = 0; j < features; j++) {
            double mean = 0;
            for (int n = 0; n < batch; n++) {
                mean += y.at(n, j) / batch;
            }
            double var = 0;
            for (int n = 0; n < batch; n++) {
                var += (y.at(n, j) - mean) * (y.at(n, j) - mean) / batch;
            }
            assertEquals(beta.get(j), mean, 1e-12);
            assertEquals(gamma.get(j) * gamma.get(j), var, 1e-11);
        }
    }

    @Property(seed = "20261127", tries = 60)
    void batchNormInputGradientIsBlindToShiftAndScaleOfTheBatch(@ForAll @IntRange(min = 2, max = 8) int batch, @ForAll long seed) {
        // GIVEN with eps = 0 the output is invariant to x -> x + c and x -> s x per column, so the input gradient of
        // every column is orthogonal to the all-ones vector and to x: sum_n dx_n = 0 and sum_n dx_n x_n = 0
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = RandomTensors.uniform(random, -3, 3, batch, 2);
        Tensor dy = RandomTensors.uniform(random, -1, 1, batch, 2);
        BatchNorm bn = new BatchNorm(Tensor.vector(1.5, -0.7), Tensor.vector(0.2, 0.1), 0);

        // WHEN
        Tensor dx = bn.backward(x, bn.forward(x), dy).input();

        // THEN
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            double dot = 0;
            double scale = 0;
            for (int n = 0; n < batch; n++) {
                sum += dx.at(n, j);
                dot += dx.at(n, j) * x.at(n, j);
                scale += Math.abs(dx.at(n, j)) * (1 + Math.abs(x.at(n, j)));
            }
            assertEquals(0, sum, 1e-12 * Math.max(1, scale));
            assertEquals(0, dot, 1e-12 * Math.max(1, scale));
        }
    }

    @Property(seed = "20261128", tries = 60)
    void layerNormOfARowEqualsBatchNormOfTheColumn(@ForAll @IntRange(min = 2, max = 7) int width, @ForAll long seed) {
        // GIVEN layer norm of one row [1, D] with gamma c and batch norm of the same values as a column [D, 1]
        SplittableRandom random = new SplittableRandom(seed);
        Tensor row = RandomTensors.uniform(random, -4, 4, 1, width);
        Tensor dyRow = RandomTensors.uniform(random, -1, 1, 1, width);
        double c = random.nextDouble(0.5, 2);
        LayerNorm ln = new LayerNorm(Tensor.filled(c, width), Tensor.zeros(width), 1e-5);
        BatchNorm bn = new BatchNorm(Tensor.vector(c), Tensor.vector(0), 1e-5);
        Tensor column = row.reshape(width, 1);

        // WHEN
        Tensor lnDx = ln.backward(row, ln.forward(row), dyRow).input();
        Tensor bnDx = bn.backward(column, bn.forward(column), dyRow.reshape(width, 1)).input();

        // THEN
        for (int j = 0; j < width; j++) {
            assertEquals(bn.forward(column).get(j), ln.forward(row).get(j), 1e-13);
            assertEquals(bnDx.get(j), lnDx.get(j), 1e-12);
        }
    }

    @Property(seed = "20261129", tries = 40)
    void dropoutKeepsOrZeroesEachElementAndScalesByTheInverseKeepRate(@ForAll @DoubleRange(min = 0, max = 0.95) double rate,
                                                                     @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int rows) {
        // GIVEN
        Tensor x = RandomTensors.uniform(new SplittableRandom(seed), 0.5, 2, rows, 7);
        Dropout dropout = new Dropout(rate, seed);

        // WHEN
        Tensor y = dropout.forward(x);

        // THEN every element is either 0 or x / (1 - rate)
        for (int i = 0; i < x.size(); i++) {
            double kept = x.get(i) / (1 - rate);
            double yi = y.get(i);
            if (yi != 0) {
                assertEquals(kept, yi, 1e-15 * kept);
            }
        }
    }
}
