package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Step;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.Verdict;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class KinkTest {
    private final GradientChecker checker = GradientChecker.withDefaults();

    @Test
    void reluExactlyAtZeroIsNonDifferentiableAndAtHalfPasses() {
        // GIVEN ReLU on x = [0, 0.5] with upstream [1, 1]: the first entry sits on the kink
        NetworkFunction f = NetworkFunction.ofLayer(new ReLU(), Tensor.matrix(new double[] {0, 0.5}), Tensor.matrix(new double[] {1, 1}));
        // WHEN checked
        CheckReport report = checker.check(f);
        // THEN entry [0, 0] is NON_DIFFERENTIABLE naming the ReLU layer, entry [0, 1] passes, the check passes
        assertTrue(report.passed(), report.toString());
        assertEquals(0, report.failures());
        assertEquals(1, report.nonDifferentiable());
        Mismatch kink = report.kinks().get(0);
        assertEquals(Verdict.NON_DIFFERENTIABLE, kink.verdict());
        assertEquals(0, kink.index()[1]);
        assertTrue(kink.note().contains("layer 0 (relu)"), kink.note());
        assertTrue(kink.message().startsWith("not differentiable: input at index [0, 0]"), kink.message());
    }

    @Test
    void aBlackBoxKinkIsFoundByOneSidedDifferences() {
        // GIVEN ReLU at 0 seen as a black box: the central difference there is 1/2 (half the stencil has slope 1)
        ScalarFunction relu = new ScalarFunction(v -> Math.max(v, 0), v -> v > 0 ? 1 : 0, 0.0);
        // WHEN checked
        CheckReport report = checker.check(relu);
        // THEN the one-sided fallback still calls it non-differentiable instead of a failure
        assertEquals(1, report.nonDifferentiable());
        assertEquals(0, report.failures());
        assertEquals(0.5, report.kinks().get(0).numeric(), 1e-9);
        assertTrue(report.kinks().get(0).note().contains("one-sided"), report.kinks().get(0).note());
    }

    @Test
    void aKinkInsideTheStencilButNotAtThePointIsRetriedWithASmallerStep() {
        // GIVEN a ReLU input 1e-7 above the kink: h = 6.06e-6 straddles it, h / 100 = 6.06e-8 does not
        NetworkFunction f = NetworkFunction.ofLayer(new ReLU(), Tensor.matrix(new double[] {1e-7}), Tensor.matrix(new double[] {2}));
        // WHEN checked with and without the retry
        CheckReport retried = checker.check(f);
        CheckReport once = new GradientChecker(CheckOptions.defaults().withKinkRetry(0)).check(f);
        // THEN the retry yields a clean pass with derivative 2 (upstream times slope 1); without it the entry is a kink
        assertEquals(0, retried.nonDifferentiable());
        assertTrue(retried.passed());
        assertEquals(2, retried.tensors().get(0).worstNumeric(), 1e-6);
        assertEquals(1, once.nonDifferentiable());
    }

    @Test
    void aStepInsideANetworkIsNamedAsTheLayerThatChangesBranch() {
        // GIVEN affine -> step with the pre-activation of unit 1 exactly 0 (w = [1, -1], x = [1], b = [0, 1])
        Affine affine = new Affine(Tensor.matrix(new double[] {1, -1}), Tensor.vector(0, 1));
        NetworkFunction f = new NetworkFunction(Network.of(affine, new Step()), Tensor.matrix(new double[] {1}),
                Objective.loss(new HalfSquaredError(), Tensor.matrix(new double[] {0, 0})));
        // WHEN checked
        CheckReport report = checker.check(f);
        // THEN the entries feeding unit 1 are non-differentiable through layer 1 (step), none fails
        assertEquals(0, report.failures(), report.toString());
        assertTrue(report.nonDifferentiable() >= 3, report.toString());
        assertTrue(report.kinks().stream().allMatch(k -> k.note().contains("layer 1 (step)")), report.kinks().toString());
    }

    @Test
    void smoothMinimaAreNotMistakenForKinks() {
        // GIVEN f(x) = x^2 at its minimum 0 (one-sided slopes +h and -h, but the jump halves with h) and |x| at 0.3
        CheckReport square = checker.check(new ScalarFunction(v -> v * v, v -> 2 * v, 0.0));
        CheckReport abs = checker.check(new ScalarFunction(Math::abs, v -> Math.signum(v), 0.3));
        // THEN both are differentiable and pass
        assertEquals(0, square.nonDifferentiable());
        assertTrue(square.passed());
        assertEquals(0, abs.nonDifferentiable());
        assertTrue(abs.passed());
    }

    @Test
    void aWrongGradientAtAKinkFreePointStillFails() {
        // GIVEN |x| at -0.3 with a claimed derivative +1 (true: -1)
        CheckReport report = checker.check(new ScalarFunction(Math::abs, v -> 1, -0.3));
        // THEN it fails, not hidden as a kink
        assertFalse(report.passed());
        assertEquals(1, report.failures());
        assertEquals(0, report.nonDifferentiable());
    }

    @Test
    void fastModeReChecksAKinkedTensorEntryByEntryAndNamesTheWrongEntry() {
        // GIVEN ReLU on x = [0, 0.5, -0.7, 1.2] with upstream [1, 2, 3, 4] whose backward doubles entry [0, 3]
        // (it returns 8 where the slope 1 times the upstream 4 gives 4); entry [0, 0] sits exactly on the kink,
        // so every projection direction through the point straddles it
        Layer wrong = new WrongReLU(3);
        NetworkFunction f = NetworkFunction.ofLayer(wrong, Tensor.matrix(new double[] {0, 0.5, -0.7, 1.2}),
                Tensor.matrix(new double[] {1, 2, 3, 4}));
        // WHEN checked in FAST mode with 3 probes
        CheckReport report = new GradientChecker(CheckOptions.defaults().fast(3)).check(f);
        // THEN the kinked probe (its one-sided bracket misses <a, u>, or it straddles the kink) sends the input to an entry-by-entry re-check: [0, 0] is NON_DIFFERENTIABLE,
        // [0, 3] fails with analytic 8 against numeric 4, and the check fails
        assertFalse(report.passed(), report.toString());
        assertTrue(report.tensors().get(0).method().contains("full re-check"), report.tensors().get(0).method());
        assertEquals(4, report.tensors().get(0).checked());
        assertEquals(1, report.failures());
        Mismatch failure = report.mismatches().get(0);
        assertEquals(Verdict.FAIL, failure.verdict());
        assertArrayEquals(new int[] {0, 3}, failure.index());
        assertEquals(8, failure.analytic(), 0);
        assertEquals(4, failure.numeric(), 1e-6);
        assertEquals(1, report.nonDifferentiable());
        assertArrayEquals(new int[] {0, 0}, report.kinks().get(0).index());
    }

    /** ReLU whose backward doubles the input gradient at one flat index. */
    private record WrongReLU(int wrongIndex) implements Layer {
        @Override
        public String type() {
            return "wrong-relu";
        }

        @Override
        public Tensor forward(Tensor x) {
            return new ReLU().forward(x);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            double[] dx = new ReLU().backward(x, y, dy).input().toArray();
            dx[wrongIndex] *= 2;
            return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
        }

        @Override
        public int[] branchPattern(Tensor x) {
            return new ReLU().branchPattern(x);
        }
    }
}
