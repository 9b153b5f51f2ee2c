package io.gradcheck4j.check;

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
import io.gradcheck4j.engine.losses.Huber;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.TextReport;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** At a kink the analytic value must be a valid subgradient: between the one-sided derivatives, jointly for ties. */
class SubgradientTest {
    private static final GradientChecker CHECKER = new GradientChecker(CheckOptions.defaults().withParallelism(1));

    /** y = max of each row of an n x k input; backward sends dy to the first argmax, or (the bug) to every tied entry. */
    record RowMax(boolean everyTiedEntry) implements Layer {
        @Override
        public String type() {
            return "row-max";
        }

        @Override
        public Tensor forward(Tensor x) {
            int[] s = x.shape();
            double[] y = new double[s[0]];
            for (int r = 0; r < s[0]; r++) {
                y[r] = x.get(r * s[1] + argmax(x, r));
            }
            return Tensor.wrap(y, s[0], 1);
        }

        private static int argmax(Tensor x, int r) {
            int k = x.shape()[1];
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = x.get(r * k + c) > x.get(r * k + best) ? c : best;
            }
            return best;
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            int[] s = x.shape();
            double[] dx = new double[x.size()];
            for (int r = 0; r < s[0]; r++) {
                double max = y.get(r);
                for (int c = 0; c < s[1]; c++) {
                    boolean tied = x.get(r * s[1] + c) == max;
                    if (everyTiedEntry ? tied : c == argmax(x, r)) {
                        dx[r * s[1] + c] = dy.get(r);
                    }
                }
            }
            return LayerGradients.ofInput(Tensor.wrap(dx, s));
        }

        @Override
        public int[] branchPattern(Tensor x) {
            int[] p = new int[x.shape()[0]];
            for (int r = 0; r < p.length; r++) {
                p[r] = argmax(x, r);
            }
            return p;
        }
    }

    /** ReLU whose backward at exactly 0 returns {@code atZero} times dy. */
    record ReLUAtZero(double atZero) implements Layer {
        @Override
        public String type() {
            return "relu-at-zero";
        }

        @Override
        public Tensor forward(Tensor x) {
            double[] y = x.toArray();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(y[i], 0);
            }
            return Tensor.wrap(y, x.shape());
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double slope = x.get(i) > 0 ? 1 : x.get(i) < 0 ? 0 : atZero;
                dx[i] = slope * dy.get(i);
            }
            return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
        }

        @Override
        public int[] branchPattern(Tensor x) {
            int[] p = new int[x.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = Double.compare(x.get(i), 0);
            }
            return p;
        }
    }

    /** ReLU whose backward at exactly 0 returns the right derivative 1 at even entries and the left one 0 at odd ones. */
    record AlternatingReLU() implements Layer {
        @Override
        public String type() {
            return "alternating-relu";
        }

        @Override
        public Tensor forward(Tensor x) {
            return new ReLUAtZero(0).forward(x);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double slope = x.get(i) > 0 || (x.get(i) == 0 && i % 2 == 0) ? 1 : 0;
                dx[i] = slope * dy.get(i);
            }
            return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
        }

        @Override
        public int[] branchPattern(Tensor x) {
            return new ReLUAtZero(0).branchPattern(x);
        }
    }

    @Test
    void independentKinksHoldingTheSameValueAreCheckedOneByOne() {
        // GIVEN relu(x0) - relu(x1) at x = (0, 0) with a = (1, 0): the right derivative of relu(x0), the left one of
        //       -relu(x1), a valid subgradient (a0 in [0, 1], a1 in [-1, 0]). Along u = (1, 1) / sqrt 2 both one-sided
        //       derivatives are (1 - 1) / sqrt 2 = 0 = 0 / sqrt 2 while <a, u> = 1 / sqrt 2: the joint bracket would
        //       reject it, but f is separable over the two entries
        CheckReport report = CHECKER.check(NetworkFunction.ofLayer(new AlternatingReLU(), Tensor.wrap(new double[] {0, 0}, 1, 2),
                Tensor.wrap(new double[] {1, -1}, 1, 2)));
        // THEN it passes, both entries non-differentiable
        assertTrue(report.passed(), TextReport.check(report));
        assertEquals(2, report.nonDifferentiable(), TextReport.check(report));
    }

    private static NetworkFunction rowMax(boolean bug) {
        // a tie between entries [0, 1] and [0, 2] (both 3) in the first row; the second row has a unique max
        return NetworkFunction.ofLayer(new RowMax(bug), Tensor.wrap(new double[] {1, 3, 3, 2, 0.5, -1, 4, 0}, 2, 4),
                Tensor.wrap(new double[] {1.5, -2}, 2, 1));
    }

    @Test
    void aMaxPoolThatSendsDyToEveryTiedEntryFails() {
        // GIVEN the classic mask = (x == max) backward on a tie: each tied entry gets dy = 1.5, and each alone lies
        //       in [0, 1.5]; along their joint direction u = (e1 + e2) / sqrt 2 the max moves as 1.5 / sqrt 2 = 1.06
        //       while <a, u> = 3 / sqrt 2 = 2.12
        CheckReport report = CHECKER.check(rowMax(true));
        // THEN both tied entries fail as not a valid subgradient
        assertFalse(report.passed(), TextReport.check(report));
        assertEquals(2, report.failures(), TextReport.check(report));
        assertTrue(report.mismatches().get(0).message().contains("not a valid subgradient at the kink"), report.mismatches().get(0).message());
    }

    @Test
    void aMaxPoolThatSendsDyToOneTiedEntryPasses() {
        // GIVEN dy to the first argmax only: along u, <a, u> = 1.5 / sqrt 2, the derivative along u
        CheckReport report = CHECKER.check(rowMax(false));
        // THEN it passes; the tied entries are reported non-differentiable
        assertTrue(report.passed(), TextReport.check(report));
        assertEquals(2, report.nonDifferentiable(), TextReport.check(report));
    }

    private static NetworkFunction reluAtZero(double atZero) {
        return NetworkFunction.ofLayer(new ReLUAtZero(atZero), Tensor.wrap(new double[] {0, 0.5, -0.7}, 1, 3),
                Tensor.wrap(new double[] {2, 1, 3}, 1, 3));
    }

    @Test
    void aReLUBackwardReturningFiveAtZeroFails() {
        // GIVEN ReLU at x = 0 with upstream 2: the one-sided derivatives are 0 (left) and 2 (right); backward says 10
        CheckReport report = CHECKER.check(reluAtZero(5));
        // THEN the entry fails with both one-sided derivatives and the analytic value in the message
        assertFalse(report.passed(), TextReport.check(report));
        assertEquals(1, report.failures());
        String message = report.mismatches().get(0).message();
        assertTrue(message.contains("not a valid subgradient at the kink: one-sided derivatives [0.000000000, 2.00000"), message);
        assertTrue(message.contains("analytic 10.00000000"), message);
    }

    @Test
    void aReLUBackwardReturningZeroOrOneAtZeroPasses() {
        for (double atZero : new double[] {0, 1}) {
            // GIVEN the left (0) or right (1) derivative at the kink
            CheckReport report = CHECKER.check(reluAtZero(atZero));
            // THEN it passes, the kink reported non-differentiable
            assertTrue(report.passed(), atZero + "\n" + TextReport.check(report));
            assertEquals(1, report.nonDifferentiable());
        }
    }

    @Test
    void aBlackBoxKinkIsBracketedByItsOneSidedDifferences() {
        // GIVEN |v| at 0 as a black box: one-sided derivatives -1 and 1
        CheckReport inside = CHECKER.check(new ScalarFunction(Math::abs, v -> 0.3, 0.0));
        CheckReport outside = CHECKER.check(new ScalarFunction(Math::abs, v -> 3, 0.0));
        // THEN 0.3 is a valid subgradient, 3 is not
        assertTrue(inside.passed(), TextReport.check(inside));
        assertEquals(1, inside.nonDifferentiable());
        assertFalse(outside.passed(), TextReport.check(outside));
        assertTrue(outside.mismatches().get(0).message().contains("one-sided derivatives [-1.000000000, 1.000000000], analytic 3.000000000"),
                outside.mismatches().get(0).message());
    }

    @Test
    void independentKinksTiedAtOneValueWithASecondKinkBelowTheStepPass() {
        // GIVEN the shrunk counterexample of the kinked soak (NetworkGradientProperties, seed 20261124, try 1,191):
        //       a batch of 4 zero rows through affine 4->1 (bias 1e-7), relu, affine 1->4 (weight [0, 0, 0, 0.001],
        //       biases 0), relu, huber. The four layer-2 biases are all 0 (a "tie"): b0..b2 put their relu exactly on
        //       its kink, b3 puts it at 1e-10, 2e-10 along u from the kink, far below the step 6e-6. Along
        //       u = (1, 1, 1, 1) / 2 the one-sided derivatives at 0 are (r2 + a3) / 2 (forward) and a3 / 2 (backward,
        //       relu 3 still on for 2e-10); the analytic <a, u> = a3 / 2 is the backward one, but every backward
        //       difference at a resolvable step sees relu 3 off (about 0)
        Network network = Network.of(new Affine(Tensor.matrix(new double[] {0}, new double[] {0}, new double[] {0}, new double[] {0}), Tensor.vector(1e-7)),
                new ReLU(), new Affine(Tensor.matrix(new double[] {0, 0, 0, 0.001}), Tensor.vector(0, 0, 0, 0)), new ReLU());
        Tensor input = Tensor.wrap(new double[16], 4, 4);
        Tensor target = Tensor.matrix(new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0.061},
                new double[] {0, 0, -0.183, -0.06});
        // WHEN it is checked with the property's options
        CheckReport report = CHECKER.check(new NetworkFunction(network, input, Objective.loss(new Huber(), target)));
        // THEN it passes: a correct backward is never called an invalid subgradient
        assertTrue(report.passed(), TextReport.check(report));
        assertTrue(report.nonDifferentiable() >= 4, TextReport.check(report));
    }

    @Test
    void aStepThatJumpsOnBothSidesWithinTheStencilIsNotBracketed() {
        // GIVEN the next shrunk counterexample of the kinked soak (seed 20261124, try 1,192): affine 4->1 (weight
        //       [0, 0, 0.001, 0], bias 0), relu, affine 1->4 (weight [0, 0, 0, 0.001], biases 0), step, huber against 0,
        //       the last input row [0, 0, 0.001, 0]. Bias 3 puts the step of rows 1-3 exactly on its jump (0 -> 1 just
        //       above) and that of row 4 at 1e-9 (1 -> 0 just below): f jumps on both sides, its one-sided
        //       differences grow as 1/s, and the analytic 0 (the step's derivative off its jump) is correct
        Network network = Network.of(new Affine(Tensor.matrix(new double[] {0}, new double[] {0}, new double[] {0.001}, new double[] {0}), Tensor.vector(0)),
                new ReLU(), new Affine(Tensor.matrix(new double[] {0, 0, 0, 0.001}), Tensor.vector(0, 0, 0, 0)), new Step());
        Tensor input = Tensor.matrix(new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0}, new double[] {0, 0, 0.001, 0});
        // WHEN it is checked
        CheckReport report = CHECKER.check(new NetworkFunction(network, input, Objective.loss(new Huber(), Tensor.wrap(new double[16], 4, 4))));
        // THEN it passes: no bracket is asserted across a jump; the entries are non-differentiable
        assertTrue(report.passed(), TextReport.check(report));
        assertTrue(report.nonDifferentiable() > 0, TextReport.check(report));
    }
}
