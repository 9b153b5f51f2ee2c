package io.gradcheck4j.engine.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.Losses;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Identity;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Closed-form values of binary cross-entropy (on probabilities and on logits), L1 and Huber. */
class DenseLossesTest {

    private static Tensor row(double... values) {
        return Tensor.matrix(values);
    }

    @Test
    void binaryCrossEntropyOfOneHalfIsLn2() {
        // GIVEN p = 1/2, t = 1: L = -log(1/2); dL/dp = (1/2 - 1) / (1/2 * 1/2) = -2
        Loss bce = new BinaryCrossEntropy();

        // WHEN / THEN
        assertEquals(Math.log(2), bce.value(row(0.5), row(1)), 1e-16);
        assertArrayEquals(new double[] {-2}, bce.gradient(row(0.5), row(1)).toArray(), 0);
    }

    @Test
    void binaryCrossEntropyIsAveragedOverElements() {
        // GIVEN p = [1/4, 1/2], t = [0, 1]: L = -(log(3/4) + log(1/2)) / 2,
        // dL/dp = [(1/4) / (3/16) / 2, (-1/2) / (1/4) / 2] = [2/3, -1]
        Loss bce = new BinaryCrossEntropy();

        // WHEN / THEN
        assertEquals(-(Math.log(0.75) + Math.log(0.5)) / 2, bce.value(row(0.25, 0.5), row(0, 1)), 1e-16);
        assertArrayEquals(new double[] {2.0 / 3, -1}, bce.gradient(row(0.25, 0.5), row(0, 1)).toArray(), 1e-15);
    }

    @Test
    void binaryCrossEntropyRejectsOutputsOutsideTheOpenUnitInterval() {
        // WHEN
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossEntropy().value(row(0.5, 1.0), row(0, 1)));

        // THEN
        assertEquals("binary_cross_entropy needs probabilities strictly inside (0, 1), got 1.0 at output index [0, 1]"
                + " (use binary_cross_entropy_with_logits on logits)", e.getMessage());
    }

    @Test
    void binaryCrossEntropyTargetsMustBeInTheUnitInterval() {
        // WHEN
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossEntropy().validateTarget(new int[] {1, 2}, row(0, 2)));

        // THEN
        assertEquals("binary_cross_entropy target at index [0, 1] is 2.0, expected a value in [0, 1]", e.getMessage());
    }

    @Test
    void logitsVariantAtZeroIsLn2WithGradientMinusOneHalf() {
        // GIVEN z = 0, sigmoid(z) = 1/2, t = 1
        Loss bce = new BinaryCrossEntropyWithLogits();

        // WHEN / THEN
        assertEquals(Math.log(2), bce.value(row(0), row(1)), 1e-16);
        assertArrayEquals(new double[] {-0.5}, bce.gradient(row(0), row(1)).toArray(), 0);
    }

    @Test
    void logitsVariantStaysFiniteForHugeLogits() {
        // GIVEN z = [1000, -1000], t = [0, 0]: per element 1000 + log(1 + e^-1000) = 1000 and 0 + log(1 + e^-1000) = 0
        Loss bce = new BinaryCrossEntropyWithLogits();

        // WHEN / THEN mean 500; gradient (sigmoid(z) - t) / 2 = [1/2, 0]
        assertEquals(500, bce.value(row(1000, -1000), row(0, 0)), 0);
        assertArrayEquals(new double[] {0.5, 0}, bce.gradient(row(1000, -1000), row(0, 0)).toArray(), 0);
    }

    @Test
    void logitsVariantEqualsCrossEntropyOfTheSigmoid() {
        // GIVEN moderate logits and soft targets
        double[] z = {-2, 0.3, 1.7};
        double[] t = {0.2, 1, 0};
        double expected = 0;
        for (int i = 0; i < z.length; i++) {
            double p = 1 / (1 + Math.exp(-z[i]));
            expected -= (t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p)) / z.length;
        }

        // WHEN / THEN
        assertEquals(expected, new BinaryCrossEntropyWithLogits().value(row(z), row(t)), 1e-15);
    }

    @Test
    void l1IsTheMeanAbsoluteDifferenceWithSignGradient() {
        // GIVEN y - t = [1, -2, 0]: L = (1 + 2 + 0)/3 = 1, dL/dy = sign(y - t)/3 with subgradient 0 at the kink
        Loss l1 = new L1Loss();
        Tensor y = row(1, -2, 3);
        Tensor t = row(0, 0, 3);

        // WHEN / THEN
        assertEquals(1, l1.value(y, t), 0);
        assertArrayEquals(new double[] {1.0 / 3, -1.0 / 3, 0}, l1.gradient(y, t).toArray(), 0);
        assertArrayEquals(new int[] {1, -1, 0}, l1.branchPattern(y, t));
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        // GIVEN delta 1, d = y - t = [0.5, 3, -3]: l = [0.5^2/2, 1 (3 - 1/2), 1 (3 - 1/2)] = [0.125, 2.5, 2.5],
        // dl/dd = [0.5, 1, -1]; both averaged over 3 elements
        Loss huber = new Huber();
        Tensor y = row(0.5, 3, -3);
        Tensor t = row(0, 0, 0);

        // WHEN / THEN
        assertEquals(5.125 / 3, huber.value(y, t), 1e-15);
        assertArrayEquals(new double[] {0.5 / 3, 1.0 / 3, -1.0 / 3}, huber.gradient(y, t).toArray(), 1e-16);
    }

    @Test
    void huberWithDeltaTwo() {
        // GIVEN delta 2, d = [1.5, 3]: l = [1.5^2/2, 2 (3 - 1)] = [1.125, 4], dl/dd = [1.5, 2]
        Loss huber = new Huber(2);
        Tensor y = row(2.5, 4);
        Tensor t = row(1, 1);

        // WHEN / THEN
        assertEquals(5.125 / 2, huber.value(y, t), 1e-15);
        assertArrayEquals(new double[] {0.75, 1}, huber.gradient(y, t).toArray(), 0);
    }

    @Test
    void huberDeltaMustBePositive() {
        // WHEN
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Huber(0));

        // THEN
        assertEquals("huber delta must be a finite number > 0, got 0.0", e.getMessage());
    }

    @Test
    void theLossesAreRegisteredByName() {
        // WHEN / THEN
        for (String name : List.of("binary_cross_entropy", "binary_cross_entropy_with_logits", "l1", "huber")) {
            assertTrue(Losses.find(name).isPresent(), name);
            assertEquals(name, Losses.find(name).get().type());
        }
    }

    @Test
    void gradientsMatchCentralDifferencesOnRandomInputs() {
        // GIVEN each loss behind an identity layer on random [3, 4] outputs (probabilities for binary_cross_entropy,
        // outputs kept away from the targets for l1, differences straddling delta for huber)
        SplittableRandom random = new SplittableRandom(20261123);
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(1));
        Tensor probabilities = RandomTensors.uniform(random, 0.05, 0.95, 3, 4);
        Tensor softTargets = RandomTensors.uniform(random, 0, 1, 3, 4);
        Tensor logits = RandomTensors.uniform(random, -6, 6, 3, 4);
        Tensor wide = RandomTensors.uniformAvoiding(random, -3, 3, 0.01, new double[] {0}, 3, 4);
        Tensor zero = Tensor.zeros(3, 4);
        record Case(Loss loss, Tensor y, Tensor t) {
        }
        List<Case> cases = List.of(
                new Case(new BinaryCrossEntropy(), probabilities, softTargets),
                new Case(new BinaryCrossEntropyWithLogits(), logits, softTargets),
                new Case(new L1Loss(), wide, zero),
                new Case(new Huber(), wide, zero),
                new Case(new Huber(0.5), wide, zero));

        for (Case c : cases) {
            // WHEN
            CheckReport report = checker.check(new NetworkFunction(Network.of(new Identity()), c.y(), Objective.loss(c.loss(), c.t())));

            // THEN
            assertTrue(report.passed(), c.loss().type() + ": " + report);
        }
    }
}
