package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Identity;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.BinaryCrossEntropy;
import io.gradcheck4j.engine.losses.L1Loss;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The rounding of f propagated from its activations (&epsilon; &Sigma; |&part;f/&part;a| |a|) bounds the noise of
 * one evaluation from below, so losses that are small differences of large terms, or that amplify the
 * rounding of a saturated sigmoid, are not flagged when their gradients are right.
 */
class RoundoffFloorTest {

    @Test
    void thePropagatedRoundingIsEpsilonTimesSensitivityTimesSize() {
        // GIVEN an identity layer on y = [[3, -4]] scored as J = sum(y * u) with u = [[2, 0.5]]
        NetworkFunction f = NetworkFunction.ofLayer(new Identity(), Tensor.matrix(new double[] {3, -4}), Tensor.matrix(new double[] {2, 0.5}));
        // WHEN diagnosed
        double roundoff = Diagnostics.runAndDifferentiate(f, CheckOptions.defaults()).roundoff();
        // THEN eps (|2 * 3| + |0.5 * -4|) = 8 eps
        assertEquals(8 * Math.ulp(1.0), roundoff, 0);
    }

    @Test
    void anL1LossNearZeroIsNotAFalseAlarm() {
        // GIVEN y = 0.251 + 0.001 b[4] (b = 0) scored by |y - 0.2509999999|: f = 1e-10, a small difference of
        // numbers near 0.25; df/db[4] = 0.001 sign(y - t) = 0.001 by hand (found by a soak run, seed 12345)
        NetworkFunction f = new NetworkFunction(Network.of(new Affine(Tensor.zeros(4, 5), Tensor.zeros(5)), new Identity(),
                new Affine(Tensor.matrix(new double[] {0}, new double[] {0}, new double[] {0}, new double[] {0}, new double[] {0.001}),
                        Tensor.vector(0.251)), new Identity()),
                Tensor.zeros(1, 4), Objective.loss(new L1Loss(), Tensor.matrix(new double[] {0.2509999999})));
        // WHEN checked in full
        CheckReport report = GradientChecker.withDefaults().check(f);
        // THEN the correct gradient passes (eps |f| alone allowed 2e-10 for an error of 2.8e-10)
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.001}, f.analyticGradient().get("layers.0.bias").toArray(), 1e-18);
        assertTrue(report.passed(), report.mismatches().toString());
    }

    @Test
    void aCrossEntropyOnASaturatedSigmoidIsNotAFalseAlarm() {
        // GIVEN p = sigmoid(1.7 x + b) with logits z from 8 to 12 (p up to 0.999994) against a target of 0, at three inputs
        int checked = 0;
        for (double z = 8; z < 12; z += 0.05) {
            for (double x : new double[] {0.3, 0.7, 1.3}) {
                NetworkFunction f = new NetworkFunction(Network.of(new Affine(Tensor.matrix(new double[] {1.7}), Tensor.vector(z - 1.7 * x)),
                        new Sigmoid()), Tensor.matrix(new double[] {x}), Objective.loss(new BinaryCrossEntropy(), Tensor.matrix(new double[] {0})));
                // WHEN checked
                CheckReport report = GradientChecker.withDefaults().check(f);
                // THEN every correct gradient passes (without the floor one of these 240 failed)
                assertTrue(report.passed(), "z = " + z + ", x = " + x + ": " + report.mismatches());
                checked++;
            }
        }
        assertEquals(240, checked);
    }
}
