package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientCheckerTest {
    private final SplittableRandom random = new SplittableRandom(7);
    private final Tensor w = RandomTensors.uniform(random, -1, 1, 3, 2);
    private final Tensor b = RandomTensors.uniform(random, -1, 1, 2);
    private final Tensor x = RandomTensors.uniform(random, -1, 1, 4, 3);
    private final Tensor t = RandomTensors.uniform(random, 0, 1, 4, 2);

    private NetworkFunction mlp(Layer first) {
        return new NetworkFunction(Network.of(first, new Sigmoid()), x, Objective.loss(new HalfSquaredError(), t));
    }

    @Test
    void correctLayersPass() {
        // GIVEN a correct affine + sigmoid + half squared error
        // WHEN checked in full mode
        CheckReport report = GradientChecker.withDefaults().check(mlp(new Affine(w, b)));
        // THEN every entry of the input (12), weight (6) and bias (2) passes
        assertTrue(report.passed(), report.toString());
        assertEquals(20, report.checked());
        assertEquals(3, report.tensors().size());
    }

    @Test
    void numericGradientOfALinearFunctionIsItsCoefficients() {
        // GIVEN J(x) = sum(x * u) through an identity-like affine with W = I, b = 0: dJ/dx = u exactly
        Tensor u = Tensor.matrix(new double[] {0.5, -2});
        NetworkFunction f = NetworkFunction.ofLayer(new Affine(Tensor.matrix(new double[] {1, 0}, new double[] {0, 1}), Tensor.zeros(2)),
                Tensor.matrix(new double[] {3, 4}), u);
        // WHEN differentiated numerically
        double[] numeric = GradientChecker.withDefaults().numericGradient(f, f.variables().get(0));
        // THEN the central difference of a linear function is exact up to rounding
        assertArrayEquals(new double[] {0.5, -2}, numeric, 1e-9);
    }

    @Test
    void aSignFlippedWeightGradientIsCaughtAndNamed() {
        // GIVEN an affine layer whose backward returns -dW
        Layer wrong = new WrongAffine(w, b);
        // WHEN checked
        CheckReport report = GradientChecker.withDefaults().check(mlp(wrong));
        // THEN the weight fails, the bias and input pass, and the message names layer, parameter and index
        assertFalse(report.passed());
        assertEquals(6, report.failures());
        Mismatch first = report.mismatches().get(0);
        assertEquals("layers.0.weight", first.variable());
        assertArrayEquals(new int[] {0, 0}, first.index());
        assertEquals(-first.numeric(), first.analytic(), 1e-6 * Math.abs(first.numeric()) + 1e-9);
        assertTrue(first.message().startsWith("gradient mismatch for layer 0 (affine-sign-flipped) parameter weight at index [0, 0]"), first.message());
    }

    @Test
    void aLayerThrowingMidCheckAbortsCleanlyAndLeavesTensorsUntouched() {
        // GIVEN a layer that throws when its input leaves [-10, 10], and copies of every tensor
        Tensor bigX = Tensor.matrix(new double[] {0, 10 - 1e-9});
        Layer fragile = fragile();
        Tensor square = Tensor.matrix(new double[] {1, 2}, new double[] {3, 4});
        double[] before = bigX.toArray();
        double[] weightBefore = square.toArray();
        NetworkFunction f = new NetworkFunction(Network.of(fragile, new Affine(square, Tensor.zeros(2))), bigX, Objective.upstream(Tensor.matrix(new double[] {1, 1})));
        // WHEN checked, the perturbation of entry [0, 1] pushes it past 10
        CheckAborted e = assertThrows(CheckAborted.class, () -> GradientChecker.withDefaults().check(f));
        // THEN the error names the tensor and entry, and no tensor changed
        assertTrue(e.getMessage().contains("input at index [0, 1]") && e.getMessage().contains("input out of range"), e.getMessage());
        assertArrayEquals(before, bigX.toArray());
        assertArrayEquals(weightBefore, square.toArray());
    }

    @Test
    void aLayerThrowingInAFastCheckOnThePoolAbortsCleanly() {
        // GIVEN the fragile identity (throws past |x| > 10) before a 64 -> 64 affine layer: 4,224 entries, so FAST
        // runs its tasks on the worker pool; WHEN checked in FAST mode on two threads (the noise estimate perturbs
        // the last input entry past 10); THEN it aborts cleanly
        assertAbortsCleanly(fragile(), CheckOptions.defaults().fast(3).withParallelism(2));
    }

    @Test
    void aPureLayerThrowingInAFullCheckWithTensorsSideBySideAbortsAsOnOneThread() {
        // GIVEN the fragile identity declared pure (so the network is thread-safe) before a 64 -> 64 affine layer;
        // WHEN checked in full on two threads, the input, W and b side by side; THEN it aborts cleanly
        CheckAborted two = assertAbortsCleanly(pureFragile(), CheckOptions.defaults().withParallelism(2));
        // AND with the message of the check on one thread
        CheckAborted one = assertAbortsCleanly(pureFragile(), CheckOptions.defaults().withParallelism(1));
        assertEquals(one.getMessage(), two.getMessage());
    }

    /**
     * {@code fragile} before a 64 -> 64 affine layer, the last input entry just below 10, checked with
     * {@code options}: the check aborts naming the input's entry [0, 63], no tensor changed, and the same checker
     * then passes the network with that entry at 0.5 (the pool still serves the next check). Returns the abort.
     */
    private static CheckAborted assertAbortsCleanly(Layer fragile, CheckOptions options) {
        SplittableRandom r = new SplittableRandom(3);
        double[] xs = RandomTensors.uniform(r, -1, 1, 64).toArray();
        xs[63] = 10 - 1e-9;
        Tensor x = Tensor.of(xs, 1, 64);
        Tensor w = RandomTensors.uniform(r, -1, 1, 64, 64);
        Tensor u = RandomTensors.uniform(r, -1, 1, 1, 64);
        double[] xBefore = x.toArray();
        double[] wBefore = w.toArray();
        NetworkFunction f = new NetworkFunction(Network.of(fragile, new Affine(w, Tensor.zeros(64))), x, Objective.upstream(u));
        CheckAborted e = assertThrows(CheckAborted.class, () -> new GradientChecker(options).check(f));
        assertTrue(e.getMessage().contains("input at index [0, 63]") && e.getMessage().contains("input out of range"), e.getMessage());
        assertArrayEquals(xBefore, x.toArray());
        assertArrayEquals(wBefore, w.toArray());
        xs[63] = 0.5;
        NetworkFunction fine = new NetworkFunction(Network.of(fragile, new Affine(w, Tensor.zeros(64))), Tensor.of(xs, 1, 64), Objective.upstream(u));
        assertTrue(new GradientChecker(options).check(fine).passed());
        return e;
    }

    /** {@link #fragile()} declared {@link Pure}: its network is thread-safe. */
    private static Layer pureFragile() {
        Layer fragile = fragile();
        return new Pure() {
            @Override
            public String type() {
                return "fragile";
            }

            @Override
            public Tensor forward(Tensor in) {
                return fragile.forward(in);
            }

            @Override
            public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
                return fragile.backward(in, y, dy);
            }
        };
    }

    /** The identity, throwing when |x| exceeds 10 anywhere. */
    private static Layer fragile() {
        return new Layer() {
            @Override
            public String type() {
                return "fragile";
            }

            @Override
            public Tensor forward(Tensor in) {
                if (in.maxAbs() > 10) {
                    throw new IllegalStateException("input out of range");
                }
                return in;
            }

            @Override
            public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy);
            }
        };
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        // GIVEN a wider network with enough entries to be split into chunks
        SplittableRandom r = new SplittableRandom(11);
        NetworkFunction f = new NetworkFunction(Network.of(new Affine(RandomTensors.uniform(r, -1, 1, 20, 30), RandomTensors.uniform(r, -1, 1, 30)), new Sigmoid()),
                RandomTensors.uniform(r, -1, 1, 5, 20), Objective.upstream(RandomTensors.uniform(r, -1, 1, 5, 30)));
        // WHEN checked sequentially and with 3 threads
        CheckReport one = new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(f);
        CheckReport three = new GradientChecker(CheckOptions.defaults().withParallelism(3)).check(f);
        // THEN the reports are identical
        assertEquals(one, three);
    }

    @Test
    void optionsRejectNonsense() {
        // GIVEN / WHEN / THEN invalid settings are refused with a message
        assertThrows(IllegalArgumentException.class, () -> CheckOptions.defaults().withStep(0));
        assertThrows(IllegalArgumentException.class, () -> CheckOptions.defaults().withParallelism(0));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.absRel(-1, 0));
        assertEquals(Math.cbrt(Math.ulp(1.0)), CheckOptions.DEFAULT_STEP, 0);
    }

    /** Affine whose weight gradient has the wrong sign. */
    private static final class WrongAffine implements Layer {
        private final Affine delegate;

        WrongAffine(Tensor w, Tensor b) {
            delegate = new Affine(w, b);
        }

        @Override
        public String type() {
            return "affine-sign-flipped";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return delegate.parameters();
        }

        @Override
        public Tensor forward(Tensor in) {
            return delegate.forward(in);
        }

        @Override
        public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
            LayerGradients g = delegate.backward(in, y, dy);
            return new LayerGradients(g.input(), Map.of("weight", g.parameters().get("weight").scale(-1), "bias", g.parameters().get("bias")));
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replacements) {
            Affine a = (Affine) delegate.withParameters(replacements);
            return new WrongAffine(a.weight(), a.bias());
        }
    }
}
