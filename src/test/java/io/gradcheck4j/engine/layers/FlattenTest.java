package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FlattenTest {

    @Test
    void keepsTheBatchAxisAndRowMajorOrder() {
        // GIVEN x [2, 1, 2, 2] holding 0..7
        Flatten flatten = new Flatten();
        Tensor x = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 1, 2, 2);
        // WHEN
        Tensor y = flatten.forward(x);
        Tensor dx = flatten.backward(x, y, Tensor.of(new double[] {7, 6, 5, 4, 3, 2, 1, 0}, 2, 4)).input();
        // THEN y is [2, 4] with the same order, and dy goes back unchanged in x's shape
        assertEquals(Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 4), y);
        assertEquals(Tensor.of(new double[] {7, 6, 5, 4, 3, 2, 1, 0}, 2, 1, 2, 2), dx);
        assertArrayEquals(new int[] {0, 6}, flatten.forward(Tensor.zeros(0, 2, 3)).shape());
        assertThrows(IllegalArgumentException.class, () -> flatten.forward(Tensor.vector(1, 2)));
    }
}
