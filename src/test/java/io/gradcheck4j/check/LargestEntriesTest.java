package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LargestEntriesTest {

    @Test
    void picksTheLargestMagnitudesInDecreasingOrderWithTiesToTheLowerIndex() {
        // GIVEN |t| = [1, 5, 3, 5, 0.5, 4]: 5 at indices 1 and 3 (a tie), then 4 at index 5
        Tensor t = Tensor.vector(1, -5, 3, 5, 0.5, -4);
        // WHEN the 3 largest are picked
        int[] top = Diagnostics.largest(t, 3);
        // THEN indices 1 and 3 (the tie in index order), then 5
        assertArrayEquals(new int[] {1, 3, 5}, top);
    }

    @Test
    void nanCountsAsLargestAndKMayEqualTheSize() {
        // GIVEN [2, NaN, -3]
        Tensor t = Tensor.vector(2, Double.NaN, -3);
        // WHEN all 3 are picked
        int[] top = Diagnostics.largest(t, 3);
        // THEN NaN first (Double.compare orders it above every number), then |-3|, then 2
        assertArrayEquals(new int[] {1, 2, 0}, top);
    }
}
