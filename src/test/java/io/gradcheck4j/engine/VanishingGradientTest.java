package io.gradcheck4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.check.Tolerance;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The why-backprop post's reference to Karpathy ("Yes you should understand backprop"): through a chain of scalar
 * affine + sigmoid layers, a<sub>k</sub> = w<sub>k</sub> h<sub>k-1</sub> + b<sub>k</sub>, h<sub>k</sub> = &sigma;(a<sub>k</sub>),
 * the input gradient is dh<sub>L</sub>/dx = &Pi;<sub>k</sub> w<sub>k</sub> &sigma;'(a<sub>k</sub>), and since
 * &sigma;' = &sigma;(1 - &sigma;) &le; 1/4 its magnitude is at most 0.25<sup>L</sup> &Pi;<sub>k</sub> |w<sub>k</sub>|.
 */
class VanishingGradientTest {
    private static final Objective SUM = Objective.upstream(Tensor.filled(1, 1, 1));

    private static Network chain(double[] w, double[] b, int depth) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            layers.add(new Affine(Tensor.matrix(new double[] {w[k]}), Tensor.vector(b[k])));
            layers.add(new Sigmoid());
        }
        return new Network(layers);
    }

    private static double engineInputGradient(double[] w, double[] b, int depth, double x) {
        return chain(w, b, depth).gradients(Tensor.matrix(new double[] {x}), SUM).get(Network.INPUT).item();
    }

    /** The closed form &Pi; w<sub>k</sub> &sigma;'(a<sub>k</sub>), with its own forward pass. */
    private static double closedForm(double[] w, double[] b, int depth, double x) {
        double h = x;
        double product = 1;
        for (int k = 0; k < depth; k++) {
            double a = w[k] * h + b[k];
            h = 1 / (1 + Math.exp(-a));
            product *= w[k] * h * (1 - h);
        }
        return product;
    }

    @Test
    void inputGradientShrinksWithDepthWithinTheQuarterPowerBound() {
        // GIVEN one chain of 20 layers with weights of magnitude in [0.5, 2]; its first L layers form the depth-L chain
        SplittableRandom random = new SplittableRandom(2);
        int maxDepth = 20;
        double[] w = new double[maxDepth];
        double[] b = new double[maxDepth];
        for (int k = 0; k < maxDepth; k++) {
            w[k] = random.nextDouble(0.5, 2) * (random.nextBoolean() ? 1 : -1);
            b[k] = random.nextDouble(-1, 1);
        }
        double x = 0.7;
        double previous = 1;
        double weightProduct = 1;

        for (int depth = 1; depth <= maxDepth; depth++) {
            // WHEN
            double g = engineInputGradient(w, b, depth, x);

            // THEN the engine agrees with the product formula, stays within 0.25^L prod |w|, and each extra layer
            // multiplies the gradient by |w sigma'| <= 2 * 0.25 = 0.5
            weightProduct *= Math.abs(w[depth - 1]);
            assertEquals(closedForm(w, b, depth, x), g, 1e-12 * Math.abs(g), "depth " + depth);
            assertTrue(Math.abs(g) <= Math.pow(0.25, depth) * weightProduct, "depth " + depth + ": |g| = " + Math.abs(g));
            assertTrue(Math.abs(g) <= 0.5 * previous, "depth " + depth + ": |g| = " + Math.abs(g) + " after " + previous);
            previous = Math.abs(g);
        }
        assertTrue(previous < Math.pow(0.5, maxDepth), "depth 20 gradient " + previous);
    }

    @Test
    void saturatedSigmoidsKillTheGradientEvenWithLargeWeights() {
        // GIVEN w = 10, b = 0, x = 1: a_k ~ 10, sigma'(10) ~ 4.5e-5, so each layer multiplies by ~4.5e-4 although |w| > 4
        double[] w = {10, 10, 10, 10, 10};
        double[] b = {0, 0, 0, 0, 0};

        // WHEN
        double g = engineInputGradient(w, b, 5, 1);

        // THEN
        assertEquals(closedForm(w, b, 5, 1), g, 1e-12 * Math.abs(g));
        assertTrue(Math.abs(g) < 1e-16, "|g| = " + Math.abs(g));
    }

    @Test
    void vanishingGradientsAreStillCorrectGradients() {
        // GIVEN a depth-10 chain (input gradient ~1e-6): the finite differences see the same tiny numbers
        double[] w = {1.5, -2, 1, 2.5, -1.5, 1, 3, -2, 1.2, -0.8};
        double[] b = {0.5, -0.25, 0.1, 0, -0.5, 0.3, 0.2, -0.1, 0, 0.4};
        Network net = chain(w, b, 10);

        // WHEN checked with an absolute tolerance far below the gradients' size
        CheckReport report = new GradientChecker(CheckOptions.defaults().withParallelism(1)
                .withTolerance(Tolerance.absRel(1e-13, 1e-5)))
                .check(new NetworkFunction(net, Tensor.matrix(new double[] {1}), SUM));

        // THEN
        assertTrue(report.passed(), report.toString());
    }
}
