package io.gradcheck4j.engine.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Losses;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {
    private static final Tensor Y = Tensor.matrix(new double[] {1, 2}, new double[] {3, 5});
    private static final Tensor T = Tensor.matrix(new double[] {0, 2}, new double[] {1, 1});

    @Test
    void halfSquaredErrorIsSeedOnesError() {
        // GIVEN y - t = [[1, 0], [2, 4]]
        HalfSquaredError e = new HalfSquaredError();
        // WHEN / THEN E = 1/2 (1 + 0 + 4 + 16) = 10.5 and dE/dy = y - t
        assertEquals(10.5, e.value(Y, T), 0);
        assertArrayEquals(new double[] {1, 0, 2, 4}, e.gradient(Y, T).toArray());
    }

    @Test
    void meanSquaredErrorAveragesOverAllElements() {
        // GIVEN the same y - t over 4 elements
        MeanSquaredError e = new MeanSquaredError();
        // WHEN / THEN L = 21 / 4 and dL/dy = 2 (y - t) / 4
        assertEquals(5.25, e.value(Y, T), 0);
        assertArrayEquals(new double[] {0.5, 0, 1, 2}, e.gradient(Y, T).toArray());
    }

    @Test
    void softmaxCrossEntropyWithLabelsEqualsOneHot() {
        // GIVEN logits [0, ln 2] -> softmax [1/3, 2/3], and [0, 0] -> [1/2, 1/2]; labels 1 and 0
        Tensor logits = Tensor.matrix(new double[] {0, Math.log(2)}, new double[] {0, 0});
        Tensor labels = Tensor.vector(1, 0);
        Tensor oneHot = Tensor.matrix(new double[] {0, 1}, new double[] {1, 0});
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        // WHEN evaluated
        double loss = ce.value(logits, labels);
        // THEN L = -(ln 2/3 + ln 1/2) / 2 and dL/dy = (p - onehot) / 2
        assertEquals(-(Math.log(2.0 / 3) + Math.log(0.5)) / 2, loss, 1e-15);
        assertArrayEquals(new double[] {1.0 / 6, -1.0 / 6, -0.25, 0.25}, ce.gradient(logits, labels).toArray(), 1e-15);
        assertEquals(loss, ce.value(logits, oneHot), 1e-15);
        assertArrayEquals(ce.gradient(logits, labels).toArray(), ce.gradient(logits, oneHot).toArray(), 1e-15);
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        // GIVEN logits [1000, 0] and label 0 WHEN evaluated THEN the loss is log(1 + e^-1000) ~ 0, not NaN
        assertEquals(0, new SoftmaxCrossEntropy().value(Tensor.matrix(new double[] {1000, 0}), Tensor.vector(0)), 1e-300);
    }

    @Test
    void targetsAreValidatedWithClearMessages() {
        // GIVEN a [2, 2] output
        int[] shape = {2, 2};
        // WHEN targets do not fit THEN the message says why
        IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
                () -> new HalfSquaredError().validateTarget(shape, Tensor.zeros(2, 3)));
        assertTrue(wrongShape.getMessage().contains("[2, 3]"), wrongShape.getMessage());
        IllegalArgumentException badLabel = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().validateTarget(shape, Tensor.vector(0, 2)));
        assertTrue(badLabel.getMessage().contains("index 1"), badLabel.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy().validateTarget(shape, Tensor.vector(0.5, 1)));
    }

    @Test
    void registryFindsBuiltInsByName() {
        // GIVEN / WHEN / THEN every built-in loss is found by its type name
        assertTrue(Losses.find("half_squared_error").isPresent());
        assertTrue(Losses.find("mse").isPresent());
        assertTrue(Losses.find("softmax_cross_entropy").isPresent());
        assertTrue(Losses.find("nope").isEmpty());
    }
}
