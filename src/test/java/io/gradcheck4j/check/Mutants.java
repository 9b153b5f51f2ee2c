package io.gradcheck4j.check;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Elementwise;
import io.gradcheck4j.engine.layers.Identity;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.MeanSquaredError;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A catalog of wrong backward rules, each the classic slip of one layer or loss, built into a small
 * network on random values (affine 3 -> 3 on a batch of 3, so that transposes and axes are shape-compatible
 * and only a value check can see them).
 *
 * @param name  the slip
 * @param build the function holding the mutant, drawn from a generator
 */
record Mutants(String name, Function<SplittableRandom, NetworkFunction> build) {

    @Override
    public String toString() {
        return name;
    }

    /** Every mutant of the catalog. */
    static List<Mutants> catalog() {
        return List.of(
                affine("affine dx sign flipped", (x, w, dy, g) -> with(g, g.input().scale(-1), null, null)),
                affine("affine dx missing transpose (dy W)", (x, w, dy, g) -> with(g, dy.matmul(w), null, null)),
                affine("affine dW missing transpose ((x^T dy)^T)", (x, w, dy, g) -> with(g, null, x.transposeMatmul(dy).transpose(), null)),
                affine("affine bias gradient forgotten", (x, w, dy, g) -> with(g, null, null, Tensor.zeros(3))),
                affine("affine bias summed over the wrong axis", (x, w, dy, g) -> with(g, null, null, dy.transpose().sumRows())),
                affine("affine dW averaged over the batch", (x, w, dy, g) -> with(g, null, g.parameters().get(Affine.WEIGHT).scale(1.0 / x.dim(0)), null)),
                activation("sigmoid(a) instead of sigmoid'(a)", new WrongElementwise(new Sigmoid(), (x, y) -> y)),
                activation("tanh' as 1 - x^2 instead of 1 - y^2", new WrongElementwise(new Tanh(), (x, y) -> 1 - x * x)),
                loss("half squared error gradient 2 (y - t)", new WrongLoss(new HalfSquaredError(), (y, t) -> y.minus(t).scale(2))),
                loss("mean squared error gradient not divided by N", new WrongLoss(new MeanSquaredError(), (y, t) -> y.minus(t).scale(2))),
                loss("softmax cross-entropy gradient p instead of p - t", new WrongLoss(new SoftmaxCrossEntropy(),
                        (y, t) -> new SoftmaxCrossEntropy().gradient(y, t).plus(t.scale(1.0 / y.dim(0))))));
    }

    /** The correct counterpart: the same shapes and distributions with correct rules. */
    static NetworkFunction correct(SplittableRandom random) {
        return new NetworkFunction(Network.of(randomAffine(random), new Sigmoid()), RandomTensors.uniform(random, -1, 1, 3, 3),
                Objective.loss(new HalfSquaredError(), RandomTensors.uniform(random, 0, 1, 3, 3)));
    }

    interface AffineSlip {
        LayerGradients apply(Tensor x, Tensor w, Tensor dy, LayerGradients correct);
    }

    private static Mutants affine(String name, AffineSlip slip) {
        return new Mutants(name, random -> new NetworkFunction(Network.of(new WrongAffine(randomAffine(random), name, slip), new Tanh()),
                RandomTensors.uniform(random, -1, 1, 3, 3), Objective.upstream(RandomTensors.uniform(random, -1, 1, 3, 3))));
    }

    private static Mutants activation(String name, Layer wrong) {
        return new Mutants(name, random -> new NetworkFunction(Network.of(randomAffine(random), wrong), RandomTensors.uniform(random, -1, 1, 3, 3),
                Objective.loss(new HalfSquaredError(), RandomTensors.uniform(random, -1, 1, 3, 3))));
    }

    private static Mutants loss(String name, Loss wrong) {
        return new Mutants(name, random -> {
            Tensor x = RandomTensors.uniform(random, -1, 1, 3, 3);
            Tensor target = wrong.type().startsWith(SoftmaxCrossEntropy.TYPE)
                    ? Tensor.matrix(new double[] {1, 0, 0}, new double[] {0, 0, 1}, new double[] {0, 1, 0})
                    : RandomTensors.uniform(random, -1, 1, 3, 3);
            return new NetworkFunction(Network.of(randomAffine(random), new Identity()), x, Objective.loss(wrong, target));
        });
    }

    static Affine randomAffine(SplittableRandom random) {
        return new Affine(RandomTensors.uniform(random, -1, 1, 3, 3), RandomTensors.uniform(random, -1, 1, 3));
    }

    private static LayerGradients with(LayerGradients g, Tensor dx, Tensor dw, Tensor db) {
        Map<String, Tensor> p = new LinkedHashMap<>(g.parameters());
        if (dw != null) {
            p.put(Affine.WEIGHT, dw);
        }
        if (db != null) {
            p.put(Affine.BIAS, db);
        }
        return new LayerGradients(dx == null ? g.input() : dx, p);
    }

    /** An affine layer whose backward applies a slip to the correct gradients. */
    private static final class WrongAffine implements Layer {
        private final Affine affine;
        private final String name;
        private final AffineSlip slip;

        WrongAffine(Affine affine, String name, AffineSlip slip) {
            this.affine = affine;
            this.name = name;
            this.slip = slip;
        }

        @Override
        public String type() {
            return "mutant: " + name;
        }

        @Override
        public Map<String, Tensor> parameters() {
            return affine.parameters();
        }

        @Override
        public Tensor forward(Tensor x) {
            return affine.forward(x);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return slip.apply(x, affine.weight(), dy, affine.backward(x, y, dy));
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replacements) {
            return new WrongAffine((Affine) affine.withParameters(replacements), name, slip);
        }
    }

    interface Derivative {
        double of(double x, double y);
    }

    /** An activation with the correct forward and a wrong derivative. */
    private static final class WrongElementwise extends Elementwise {
        private final Elementwise correct;
        private final Derivative wrong;

        WrongElementwise(Elementwise correct, Derivative wrong) {
            this.correct = correct;
            this.wrong = wrong;
        }

        @Override
        public String type() {
            return "mutant " + correct.type();
        }

        @Override
        protected double value(double x) {
            return correct.forward(Tensor.scalar(x)).item();
        }

        @Override
        protected double derivative(double x, double y) {
            return wrong.of(x, y);
        }
    }

    interface LossGradient {
        Tensor of(Tensor y, Tensor target);
    }

    /** A loss with the correct value and a wrong gradient. */
    private record WrongLoss(Loss correct, LossGradient wrong) implements Loss {
        @Override
        public String type() {
            return correct.type() + " (mutant)";
        }

        @Override
        public double value(Tensor y, Tensor target) {
            return correct.value(y, target);
        }

        @Override
        public Tensor gradient(Tensor y, Tensor target) {
            return wrong.of(y, target);
        }

        @Override
        public void validateTarget(int[] outputShape, Tensor target) {
            correct.validateTarget(outputShape, target);
        }
    }
}
