package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.tensor.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.constraints.DoubleRange;

/** Invariants of the dense layers that follow from their definitions, on random shapes and values. */
@GradientProperties
class DenseLayersProperties {

    @Property(seed = "20261123", tries = 60)
    void softmaxRowsSumToOneAndIgnoreAShift(@ForAll("logits") Tensor x, @ForAll @DoubleRange(min = -50, max = 50) double shift) {
        // GIVEN
        int batch = x.dim(0);
        int width = x.dim(1);
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
    void softmaxInputGradientRowsSumToZero(@ForAll("logitsWithUpstream") Tuple2<Tensor, Tensor> sample) {
        // GIVEN sum_i y_i (dy_i - sum_j dy_j y_j) = sum dy y - 1 * sum dy y = 0
        Tensor x = sample.get1();
        Tensor dy = sample.get2();
        int batch = x.dim(0);
        int width = x.dim(1);
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
    void logSoftmaxIsTheLogOfSoftmax(@ForAll("wideLogits") Tensor x) {
        // GIVEN three rows of logits in [-20, 20]

        // WHEN
        Tensor viaLog = new LogSoftmax().forward(x).map(Math::exp);
        Tensor direct = new Softmax().forward(x);

        // THEN
        for (int i = 0; i < x.size(); i++) {
            assertEquals(direct.get(i), viaLog.get(i), 1e-14);
        }
    }

    @Property(seed = "20261126", tries = 60)
    void batchNormOutputHasMeanBetaAndVarianceGammaSquared(@ForAll("batchNormCases") Tuple3<Tensor, Tensor, Tensor> sample) {
        // GIVEN eps = 0 and columns that are not constant
        Tensor x = sample.get1();
        Tensor gamma = sample.get2();
        Tensor beta = sample.get3();
        int batch = x.dim(0);
        int features = x.dim(1);

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
    void batchNormInputGradientIsBlindToShiftAndScaleOfTheBatch(@ForAll("twoFeatureBatches") Tuple2<Tensor, Tensor> sample) {
        // GIVEN with eps = 0 the output is invariant to x -> x + c and x -> s x per column, so the input gradient of
        // every column is orthogonal to the all-ones vector and to x: sum_n dx_n = 0 and sum_n dx_n x_n = 0
        Tensor x = sample.get1();
        Tensor dy = sample.get2();
        int batch = x.dim(0);
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
    void layerNormOfARowEqualsBatchNormOfTheColumn(@ForAll("rowsWithUpstream") Tuple2<Tensor, Tensor> sample,
                                                   @ForAll @DoubleRange(min = 0.5, max = 2) double c) {
        // GIVEN layer norm of one row [1, D] with gamma c and batch norm of the same values as a column [D, 1]
        Tensor row = sample.get1();
        Tensor dyRow = sample.get2();
        int width = row.dim(1);
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
                                                                     @ForAll("positiveRows") Tensor x, @ForAll int maskSeed) {
        // GIVEN a dropout layer (its mask is drawn from its own seed, part of the layer's definition)
        Dropout dropout = new Dropout(rate, maskSeed);

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

    /** Logits [1-5, 1-6] in [-5, 5]. */
    @Provide
    Arbitrary<Tensor> logits() {
        return matrices(5, 6, -5, 5);
    }

    /** Logits [1-5, 1-6] in [-5, 5] with an upstream gradient of the same shape in [-1, 1]. */
    @Provide
    Arbitrary<Tuple2<Tensor, Tensor>> logitsWithUpstream() {
        return Combinators.combine(sizes(1, 5), sizes(1, 6)).flatAs((batch, width) ->
                Combinators.combine(values(-5, 5, batch, width), values(-1, 1, batch, width)).as(Tuple::of));
    }

    /** Logits [3, 1-6] in [-20, 20]. */
    @Provide
    Arbitrary<Tensor> wideLogits() {
        return sizes(1, 6).flatMap(width -> values(-20, 20, 3, width));
    }

    /** x [2-8, 1-4] in [-10, 10] (no column spanning less than 0.1), gamma in [0.5, 3], beta in [-2, 2]. */
    @Provide
    Arbitrary<Tuple3<Tensor, Tensor, Tensor>> batchNormCases() {
        return Combinators.combine(sizes(2, 8), sizes(1, 4)).flatAs((batch, features) ->
                Combinators.combine(values(-10, 10, batch, features).filter(DenseLayersProperties::noConstantColumn), values(0.5, 3, features),
                        values(-2, 2, features)).as(Tuple::of));
    }

    /** x [2-8, 2] in [-3, 3] (no column spanning less than 0.1) and an upstream gradient in [-1, 1]. */
    @Provide
    Arbitrary<Tuple2<Tensor, Tensor>> twoFeatureBatches() {
        return sizes(2, 8).flatMap(batch -> Combinators.combine(values(-3, 3, batch, 2).filter(DenseLayersProperties::noConstantColumn),
                values(-1, 1, batch, 2)).as(Tuple::of));
    }

    /** One row [1, 2-7] in [-4, 4] and an upstream gradient in [-1, 1]. */
    @Provide
    Arbitrary<Tuple2<Tensor, Tensor>> rowsWithUpstream() {
        return sizes(2, 7).flatMap(width -> Combinators.combine(values(-4, 4, 1, width), values(-1, 1, 1, width)).as(Tuple::of));
    }

    /** x [1-6, 7] in [0.5, 2]. */
    @Provide
    Arbitrary<Tensor> positiveRows() {
        return sizes(1, 6).flatMap(rows -> values(0.5, 2, rows, 7));
    }

    private static Arbitrary<Tensor> matrices(int maxRows, int maxColumns, double lo, double hi) {
        return Combinators.combine(sizes(1, maxRows), sizes(1, maxColumns)).flatAs((rows, columns) -> values(lo, hi, rows, columns));
    }

    /**
     * Whether every column of x spans at least 0.1: batch norm with epsilon 0 cannot normalise a constant column,
     * and one that is nearly constant (say [0, 1e-9]) loses every digit the 1e-12 tolerances count on.
     */
    private static boolean noConstantColumn(Tensor x) {
        for (int j = 0; j < x.dim(1); j++) {
            double min = x.at(0, j);
            double max = x.at(0, j);
            for (int n = 1; n < x.dim(0); n++) {
                min = Math.min(min, x.at(n, j));
                max = Math.max(max, x.at(n, j));
            }
            if (max - min < 0.1) {
                return false;
            }
        }
        return true;
    }

    private static Arbitrary<Integer> sizes(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    /** Tensors of {@code shape} with entries in [lo, hi] and 9 decimals. */
    private static Arbitrary<Tensor> values(double lo, double hi, int... shape) {
        return Tensors.of(shape).between(lo, hi).decimals(9);
    }
}
