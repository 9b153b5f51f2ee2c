package io.gradcheck4j.mutants;

import io.gradcheck4j.arbitraries.MlpArbitrary;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.MeanSquaredError;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The catalog of realistic wrong backward rules a gradient checker must catch: sign flips, missing
 * transposes, derivative formulas evaluated at the wrong point, forgotten or wrongly reduced bias
 * gradients, wrong loss normalisations, a target never subtracted and a fan-out that overwrites instead of
 * accumulating. Each
 * {@link Mutant} plants its bug into generated networks (every layer of the affected type gets it).
 */
public final class Mutants {
    private static final String[] SMOOTH = {"identity", Sigmoid.TYPE, Tanh.TYPE};
    private static final String[] SQUARED = {HalfSquaredError.TYPE, MeanSquaredError.TYPE};

    private Mutants() {
    }

    /** Every mutant of the catalog. */
    public static List<Mutant> catalog() {
        return List.of(
                affine("affine-input-gradient-sign-flipped", "dx = -(dy . W^T) instead of dy . W^T",
                        (a, x, dy) -> grads(dy.matmulTranspose(a.weight()).scale(-1), x.transposeMatmul(dy), dy.sumRows())),
                affine("affine-input-gradient-missing-transpose", "dx = dy . W with W's entries read as [out, in] instead of dy . W^T",
                        (a, x, dy) -> grads(dy.matmul(a.weight().reshape(a.weight().dim(1), a.weight().dim(0))), x.transposeMatmul(dy), dy.sumRows())),
                affine("affine-weight-gradient-missing-transpose", "dW = (dy^T . x) reshaped to [in, out] instead of x^T . dy",
                        (a, x, dy) -> grads(dy.matmulTranspose(a.weight()), dy.transpose().matmul(x).reshape(a.weight().shape()), dy.sumRows())),
                affine("affine-bias-gradient-forgotten", "db = 0: the bias gradient is never written",
                        (a, x, dy) -> grads(dy.matmulTranspose(a.weight()), x.transposeMatmul(dy), Tensor.zeros(a.bias().shape()))),
                affineBatched("affine-bias-gradient-first-row-only", "db = dy[0] (summed over the wrong axis / not reduced over the batch) instead of sum(dy, axis 0)",
                        (a, x, dy) -> grads(dy.matmulTranspose(a.weight()), x.transposeMatmul(dy), firstRow(dy))),
                affineBatched("affine-weight-gradient-averaged", "dW = x^T . dy / batch while the loss sums over the batch",
                        (a, x, dy) -> grads(dy.matmulTranspose(a.weight()), x.transposeMatmul(dy).scale(1.0 / x.dim(0)), dy.sumRows())),
                activation("sigmoid-value-instead-of-derivative", Sigmoid.TYPE, "dx = sigmoid(x) * dy instead of sigmoid'(x) * dy = y (1 - y) dy",
                        (x, y, dy) -> y.times(dy)),
                activation("sigmoid-derivative-of-input", Sigmoid.TYPE, "dx = x (1 - x) dy: the derivative formula applied to the input instead of the output",
                        (x, y, dy) -> x.map(v -> v * (1 - v)).times(dy)),
                activation("tanh-derivative-of-input", Tanh.TYPE, "dx = (1 - x^2) dy instead of (1 - y^2) dy",
                        (x, y, dy) -> x.map(v -> 1 - v * v).times(dy)),
                activation("tanh-upstream-gradient-dropped", Tanh.TYPE, "dx = 1 - y^2: the local derivative without the factor dy",
                        (x, y, dy) -> y.map(v -> 1 - v * v)),
                activation("relu-mask-from-upstream-gradient", ReLU.TYPE, "dx = dy where dy > 0 instead of where x > 0",
                        (x, y, dy) -> dy.map(g -> g > 0 ? g : 0.0)),
                loss("half-squared-error-factor-two", HalfSquaredError.TYPE, 1, 1, "dE/dy = 2 (y - t) for E = 1/2 sum (y - t)^2",
                        (y, t) -> y.minus(t).scale(2)),
                loss("mse-normalised-by-batch", MeanSquaredError.TYPE, 1, 2, "dL/dy = 2 (y - t) / batch instead of / (batch * outputs)",
                        (y, t) -> y.minus(t).scale(2.0 / y.dim(0))),
                loss("softmax-cross-entropy-missing-batch-mean", SoftmaxCrossEntropy.TYPE, 2, 2, "dL/dy = softmax(y) - t without the 1/batch of the averaged loss",
                        (y, t) -> new SoftmaxCrossEntropy().gradient(y, t).scale(y.dim(0))),
                loss("softmax-cross-entropy-target-not-subtracted", SoftmaxCrossEntropy.TYPE, 1, 2, "dL/dy = softmax(y) / batch: the one-hot target is never subtracted",
                        (y, t) -> softmaxRows(y).scale(1.0 / y.dim(0))),
                new Mutant("fan-out-gradient-not-accumulated", "residual y = x + tanh(x): dx keeps only the tanh path, the skip path's dy is overwritten instead of added",
                        arb -> arb.activations(Tanh.TYPE).losses(SQUARED),
                        c -> replace(c, Tanh.TYPE, l -> new ResidualTanh(false)),
                        c -> replace(c, Tanh.TYPE, l -> new ResidualTanh(true))));
    }

    /** The mutant named {@code name}. */
    public static Mutant named(String name) {
        return catalog().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mutant named " + name));
    }

    @FunctionalInterface
    private interface AffineBackward {
        LayerGradients apply(Affine correct, Tensor x, Tensor dy);
    }

    @FunctionalInterface
    private interface ActivationBackward {
        Tensor apply(Tensor x, Tensor y, Tensor dy);
    }

    private static Mutant affine(String name, String description, AffineBackward backward) {
        return affineMutant(name, description, 1, backward);
    }

    private static Mutant affineBatched(String name, String description, AffineBackward backward) {
        return affineMutant(name, description, 2, backward);
    }

    private static Mutant affineMutant(String name, String description, int minBatch, AffineBackward backward) {
        FaultyLayer.WrongBackward wrong = (layer, x, y, dy) -> backward.apply((Affine) layer, x, dy);
        return new Mutant(name, "affine: " + description,
                arb -> arb.activations(SMOOTH).losses(SQUARED).width(2, 5).batch(minBatch, 4),
                c -> replace(c, Affine.TYPE, l -> new FaultyLayer(l, wrong)),
                UnaryOperator.identity());
    }

    private static Mutant activation(String name, String type, String description, ActivationBackward backward) {
        FaultyLayer.WrongBackward wrong = (layer, x, y, dy) -> LayerGradients.ofInput(backward.apply(x, y, dy));
        return new Mutant(name, type + ": " + description,
                arb -> arb.activations(type).losses(SQUARED),
                c -> replace(c, type, l -> new FaultyLayer(l, wrong)),
                UnaryOperator.identity());
    }

    private static Mutant loss(String name, String type, int minBatch, int minWidth, String description, BinaryOperator<Tensor> gradient) {
        return new Mutant(name, type + ": " + description,
                arb -> arb.activations(SMOOTH).losses(type).batch(minBatch, 4).width(minWidth, 5),
                c -> c.withLoss(new FaultyLoss(c.loss(), gradient)),
                UnaryOperator.identity());
    }

    private static NetworkCase replace(NetworkCase c, String type, UnaryOperator<Layer> replacement) {
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : c.network().layers()) {
            layers.add(layer.type().equals(type) ? replacement.apply(layer) : layer);
        }
        return c.withNetwork(new Network(layers));
    }

    private static LayerGradients grads(Tensor dx, Tensor dWeight, Tensor dBias) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put(Affine.WEIGHT, dWeight);
        params.put(Affine.BIAS, dBias);
        return new LayerGradients(dx, params);
    }

    private static Tensor softmaxRows(Tensor y) {
        int rows = y.dim(0);
        int cols = y.dim(1);
        double[] p = y.toArray();
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, p[r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                p[r * cols + c] = Math.exp(p[r * cols + c] - max);
                sum += p[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                p[r * cols + c] /= sum;
            }
        }
        return Tensor.of(p, rows, cols);
    }

    private static Tensor firstRow(Tensor m) {
        double[] row = new double[m.dim(1)];
        for (int j = 0; j < row.length; j++) {
            row[j] = m.get(j);
        }
        return Tensor.vector(row);
    }
}
