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
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.report.TextReport;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A small gradient on a large loss, resolved through the network's output ({@link OutputChain}).
 *
 * <p>The network: x = [[1]], affine W = [[0, -25]], b = [0, 0], then softplus, half squared error against
 * t = [[-44700, -7200]]. So z = [0, -25], y = [ln 2, ln(1 + e<sup>-25</sup>)], and the loss is
 * &frac12;((ln 2 + 44700)<sup>2</sup> + (y<sub>2</sub> + 7200)<sup>2</sup>) &asymp; 1.0e9, whose ulp is 1.2e-7. By hand,
 * &part;L/&part;W<sub>0,1</sub> = (y<sub>2</sub> - t<sub>2</sub>) &sigma;(z<sub>2</sub>) x = (y<sub>2</sub> + 7200) / (1 + e<sup>25</sup>)
 * &asymp; 1.0e-7: f(W<sub>0,1</sub> &plusmn; h) differ by 2e-7 h, less than f's rounding at every step up to 1.6, so
 * the loss alone cannot resolve it; y<sub>2</sub> &asymp; 1.4e-11 resolves it easily.
 */
class OutputChainTest {
    private static final GradientChecker CHECKER = new GradientChecker(CheckOptions.defaults().withParallelism(1));
    private static final String WEIGHT = "layers.0.weight";
    private static final double Z2 = -25;
    /** The hand derivation of the class comment. */
    private static final double EXPECTED = (Math.log1p(Math.exp(Z2)) + 7200) / (1 + Math.exp(-Z2));

    @Test
    void aSmallGradientOnALargeLossIsResolvedThroughTheOutputAndPasses() {
        // GIVEN the network of the class comment with a correct softplus
        NetworkFunction f = network(false);
        // WHEN it is checked
        CheckReport report = CHECKER.check(f);
        // THEN it passes with every entry resolved, and the analytic gradient is the hand-derived one
        assertTrue(report.passed(), TextReport.check(report));
        assertEquals(0, report.inconclusive(), TextReport.check(report));
        assertEquals(EXPECTED, f.analyticGradient().get(WEIGHT).get(1), 1e-15 * EXPECTED);
    }

    @Test
    void withoutTheNetworkTheSameEntryCannotBeVerified() {
        // GIVEN the same function as a black box (no network to look into)
        Differentiable blackBox = PlantedGradient.of(network(false), WEIGHT, g -> g, " (black box)");
        // WHEN it is checked
        CheckReport report = CHECKER.check(blackBox);
        // THEN W[0, 1] is inconclusive: f alone cannot resolve a gradient of 1e-7 on a loss of 1e9
        TensorReport weight = report.tensors().get(0);
        assertEquals(1, weight.inconclusive(), TextReport.check(report));
        assertArrayEquals(new int[] {0, 1}, weight.unresolved().get(0).index());
        assertFalse(report.passed());
    }

    @Test
    void aWrongBackwardOfThatEntryFails() {
        // GIVEN a softplus whose backward doubles dy * sigmoid(z) where z < -20 (so only W[0, 1] and b[1] are wrong)
        NetworkFunction f = network(true);
        // WHEN it is checked
        CheckReport report = CHECKER.check(f);
        // THEN W[0, 1] fails against a numeric value within 1e-6 of the hand-derived gradient, not inconclusive
        TensorReport weight = report.tensors().stream().filter(t -> t.variable().equals(WEIGHT)).findFirst().orElseThrow();
        assertEquals(1, weight.failures(), TextReport.check(report));
        assertEquals(0, report.inconclusive(), TextReport.check(report));
        Mismatch m = weight.mismatches().get(0);
        assertArrayEquals(new int[] {0, 1}, m.index());
        assertEquals(2 * EXPECTED, m.analytic(), 1e-15 * EXPECTED);
        assertEquals(EXPECTED, m.numeric(), 1e-6 * EXPECTED);
    }

    private static NetworkFunction network(boolean wrongBelowMinus20) {
        Affine affine = new Affine(Tensor.matrix(new double[] {0, Z2}), Tensor.vector(0, 0));
        Network network = Network.of(affine, new UserSoftplus(wrongBelowMinus20));
        return new NetworkFunction(network, Tensor.matrix(new double[] {1}),
                Objective.loss(new HalfSquaredError(), Tensor.matrix(new double[] {-44700, -7200})));
    }

    /** A user's softplus, y = ln(1 + e<sup>z</sup>), dz = dy &sigma;(z); optionally doubled where z &lt; -20. */
    private record UserSoftplus(boolean wrongBelowMinus20) implements Layer {
        @Override
        public String type() {
            return "user-softplus";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.map(v -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(x.zip(dy, (v, g) -> g / (1 + Math.exp(-v)) * (wrongBelowMinus20 && v < -20 ? 2 : 1)));
        }
    }
}
