package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaxPool2DTest {

    @Test
    void routesEachGradientToItsWindowsArgmax() {
        // GIVEN x = [[1, 5, 2, 0], [3, -1, 7, 4]] and 2x2 windows with stride 2
        MaxPool2D pool = new MaxPool2D(2, 2);
        Tensor x = Tensor.of(new double[] {1, 5, 2, 0, 3, -1, 7, 4}, 1, 1, 2, 4);
        // WHEN
        Tensor y = pool.forward(x);
        Tensor dx = pool.backward(x, y, Tensor.of(new double[] {10, 20}, 1, 1, 1, 2)).input();
        // THEN the maxima 5 and 7 are picked, and only they receive dy
        assertEquals(Tensor.of(new double[] {5, 7}, 1, 1, 1, 2), y);
        assertEquals(Tensor.of(new double[] {0, 10, 0, 0, 0, 0, 20, 0}, 1, 1, 2, 4), dx);
        // the branch pattern is each window's argmax position p * k + q
        assertArrayEquals(new int[] {1, 2}, pool.branchPattern(x));
    }

    @Test
    void overlappingWindowsSharingAnArgmaxAddTheirGradients() {
        // GIVEN x = [[1, 3, 2], [0, 0, 0]] and 2x2 windows with stride 1: both windows peak at x[0, 1]
        MaxPool2D pool = new MaxPool2D(2, 1);
        Tensor x = Tensor.of(new double[] {1, 3, 2, 0, 0, 0}, 1, 1, 2, 3);
        // WHEN
        Tensor dx = pool.backward(x, pool.forward(x), Tensor.of(new double[] {1, 2}, 1, 1, 1, 2)).input();
        // THEN x[0, 1] receives 1 + 2
        assertEquals(Tensor.of(new double[] {0, 3, 0, 0, 0, 0}, 1, 1, 2, 3), dx);
    }

    @Test
    void aTieIsAKinkTheBranchPatternReveals() {
        // GIVEN a window whose first two elements tie at 0.5
        MaxPool2D pool = new MaxPool2D(2, 2);
        Tensor x = Tensor.of(new double[] {0.5, 0.5, -1, 0.25}, 1, 1, 2, 2);
        double h = 1e-6;
        // WHEN the second tied element is nudged up or down
        int[] up = pool.branchPattern(x.with(1, 0.5 + h));
        int[] down = pool.branchPattern(x.with(1, 0.5 - h));
        // THEN the argmax jumps between positions 1 and 0; at the tie the first one takes the gradient
        assertArrayEquals(new int[] {1}, up);
        assertArrayEquals(new int[] {0}, down);
        assertEquals(Tensor.of(new double[] {4, 0, 0, 0}, 1, 1, 2, 2),
                pool.backward(x, pool.forward(x), Tensor.of(new double[] {4}, 1, 1, 1, 1)).input());
    }
}
