package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    private static final double LN2 = Math.log(2);

    @Test
    void softmaxOfZeroAndLn2IsOneThirdTwoThirds() {
        // GIVEN e^0 = 1 and e^ln2 = 2, so the normaliser is 3
        Tensor x = Tensor.matrix(new double[] {0, LN2});

        // WHEN
        Tensor y = new Softmax().forward(x);

        // THEN
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, y.toArray(), 1e-15);
    }

    @Test
    void softmaxBackwardIsYTimesDyMinusItsWeightedMean() {
        // GIVEN y = [1/3, 2/3] and dy = [1, 0]: sum(dy y) = 1/3, so dx = [1/3 (1 - 1/3), 2/3 (0 - 1/3)] = [2/9, -2/9]
        Softmax softmax = new Softmax();
        Tensor x = Tensor.matrix(new double[] {0, LN2});
        Tensor y = softmax.forward(x);

        // WHEN
        LayerGradients g = softmax.backward(x, y, Tensor.matrix(new double[] {1, 0}));

        // THEN
        assertArrayEquals(new double[] {2.0 / 9, -2.0 / 9}, g.input().toArray(), 1e-15);
    }

    @Test
    void softmaxOfHugeLogitsDoesNotOverflow() {
        // GIVEN logits whose exponentials overflow a double
        Tensor x = Tensor.matrix(new double[] {1000, 1000}, new double[] {1000, 0});

        // WHEN
        Tensor y = new Softmax().forward(x);

        // THEN equal logits share evenly; a gap of 1000 gives (1, e^-1000 = 0 in doubles)
        assertArrayEquals(new double[] {0.5, 0.5, 1, 0}, y.toArray(), 0);
    }

    @Test
    void softmaxWorksRowByRowAlongTheLastAxisOfARank3Input() {
        // GIVEN a [2, 1, 2] input: rows [0, ln2] and [ln2, 0]
        Tensor x = Tensor.of(new double[] {0, LN2, LN2, 0}, 2, 1, 2);

        // WHEN
        Tensor y = new Softmax().forward(x);

        // THEN
        assertArrayEquals(new int[] {2, 1, 2}, y.shape());
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 2.0 / 3, 1.0 / 3}, y.toArray(), 1e-15);
    }

    @Test
    void logSoftmaxOfZeroAndLn2IsLogOfOneThirdTwoThirds() {
        // GIVEN
        Tensor x = Tensor.matrix(new double[] {0, LN2});

        // WHEN
        Tensor y = new LogSoftmax().forward(x);

        // THEN
        assertArrayEquals(new double[] {-Math.log(3), Math.log(2.0 / 3)}, y.toArray(), 1e-15);
    }

    @Test
    void logSoftmaxBackwardIsDyMinusSoftmaxTimesSumDy() {
        // GIVEN softmax = [1/3, 2/3], dy = [1, 0], sum(dy) = 1: dx = [1 - 1/3, 0 - 2/3]
        LogSoftmax logSoftmax = new LogSoftmax();
        Tensor x = Tensor.matrix(new double[] {0, LN2});
        Tensor y = logSoftmax.forward(x);

        // WHEN
        LayerGradients g = logSoftmax.backward(x, y, Tensor.matrix(new double[] {1, 0}));

        // THEN
        assertArrayEquals(new double[] {2.0 / 3, -2.0 / 3}, g.input().toArray(), 1e-15);
    }

    @Test
    void logSoftmaxOfHugeLogitsKeepsTheSmallLogProbability() {
        // GIVEN
        Tensor x = Tensor.matrix(new double[] {1000, 0});

        // WHEN
        Tensor y = new LogSoftmax().forward(x);

        // THEN log(1 + e^-1000) = 0 in doubles: [0, -1000], not [0, -inf]
        assertEquals(0, y.get(0), 0);
        assertEquals(-1000, y.get(1), 0);
    }
}
