package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AvgPool2DTest {

    @Test
    void averagesAndSpreadsDyOverKSquared() {
        // GIVEN x = [[1, 2], [3, 4]] and one 2x2 window
        AvgPool2D pool = new AvgPool2D(2, 2);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        // WHEN
        Tensor y = pool.forward(x);
        Tensor dx = pool.backward(x, y, Tensor.of(new double[] {8}, 1, 1, 1, 1)).input();
        // THEN y = 10 / 4 and each element gets 8 / 4
        assertEquals(Tensor.of(new double[] {2.5}, 1, 1, 1, 1), y);
        assertEquals(Tensor.filled(2, 1, 1, 2, 2), dx);
    }

    @Test
    void overlappingWindowsAddTheirShares() {
        // GIVEN a 3x3 input, 2x2 windows with stride 1 (four windows) and dy = 1 everywhere
        AvgPool2D pool = new AvgPool2D(2, 1);
        Tensor x = Tensor.zeros(1, 1, 3, 3);
        // WHEN
        Tensor dx = pool.backward(x, pool.forward(x), Tensor.filled(1, 1, 1, 2, 2)).input();
        // THEN each element gets 1/4 per window that covers it: corners 1, edges 2, centre 4 windows
        assertEquals(Tensor.of(new double[] {0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25}, 1, 1, 3, 3), dx);
    }
}
