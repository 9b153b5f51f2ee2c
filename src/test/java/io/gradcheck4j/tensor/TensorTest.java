package io.gradcheck4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void matmulMatchesHandComputedProduct() {
        // GIVEN the numpy Affine example's x = [1, 2] and W = [[1, 3, 5], [2, 4, 6]]
        Tensor x = Tensor.matrix(new double[] {1, 2});
        Tensor w = Tensor.matrix(new double[] {1, 3, 5}, new double[] {2, 4, 6});
        // WHEN multiplied
        Tensor y = x.matmul(w);
        // THEN [1*1 + 2*2, 1*3 + 2*4, 1*5 + 2*6] = [5, 11, 17]
        assertArrayEquals(new double[] {5, 11, 17}, y.toArray());
        assertArrayEquals(new int[] {1, 3}, y.shape());
    }

    @Test
    void transposedProductsAvoidMaterialisingTheTranspose() {
        // GIVEN a = [[1, 2], [3, 4]] and b = [[5, 6], [7, 8]]
        Tensor a = Tensor.matrix(new double[] {1, 2}, new double[] {3, 4});
        Tensor b = Tensor.matrix(new double[] {5, 6}, new double[] {7, 8});
        // WHEN / THEN a^T b = [[1*5 + 3*7, 1*6 + 3*8], [2*5 + 4*7, 2*6 + 4*8]]
        assertArrayEquals(new double[] {26, 30, 38, 44}, a.transposeMatmul(b).toArray());
        // AND a b^T = [[1*5 + 2*6, 1*7 + 2*8], [3*5 + 4*6, 3*7 + 4*8]]
        assertArrayEquals(new double[] {17, 23, 39, 53}, a.matmulTranspose(b).toArray());
        // AND transpose swaps rows and columns
        assertArrayEquals(new double[] {1, 3, 2, 4}, a.transpose().toArray());
    }

    @Test
    void plusScaledIsAPointOnTheLine() {
        // GIVEN y = [1, 2, 3] and c = [4, -5, 0.5]
        Tensor y = Tensor.vector(1, 2, 3);
        Tensor c = Tensor.vector(4, -5, 0.5);
        // WHEN / THEN y + 2c = [9, -8, 4], and y + 0c = y
        assertArrayEquals(new double[] {9, -8, 4}, y.plusScaled(2, c).toArray());
        assertArrayEquals(y.toArray(), y.plusScaled(0, c).toArray());
        // AND shapes must agree
        assertThrows(IllegalArgumentException.class, () -> y.plusScaled(1, Tensor.vector(1, 2)));
    }

    @Test
    void squaredDistanceSumsTheSquaredDifferences() {
        // GIVEN a = [1, 2, 3] and b = [4, 0, 3]
        Tensor a = Tensor.vector(1, 2, 3);
        Tensor b = Tensor.vector(4, 0, 3);
        // WHEN / THEN (1 - 4)^2 + (2 - 0)^2 + 0 = 13
        assertEquals(13, a.squaredDistance(b), 0);
    }

    @Test
    void biasBroadcastAndColumnSums() {
        // GIVEN a 2x3 matrix
        Tensor m = Tensor.matrix(new double[] {1, 1, 1}, new double[] {2, 2, 2});
        // WHEN a row is added and columns summed
        Tensor shifted = m.plusRow(Tensor.vector(1, 2, 3));
        Tensor sums = m.sumRows();
        // THEN every row gets the bias, and sums are numpy's sum over axis 0
        assertArrayEquals(new double[] {2, 3, 4, 3, 4, 5}, shifted.toArray());
        assertArrayEquals(new double[] {3, 3, 3}, sums.toArray());
    }

    @Test
    void tensorsAreImmutable() {
        // GIVEN a tensor built from an array
        double[] data = {1, 2, 3};
        Tensor t = Tensor.of(data, 3);
        // WHEN the source array and a copy from toArray are changed
        data[0] = 99;
        t.toArray()[1] = 99;
        Tensor changed = t.with(2, 7);
        // THEN the tensor still holds its original values
        assertArrayEquals(new double[] {1, 2, 3}, t.toArray());
        assertArrayEquals(new double[] {1, 2, 7}, changed.toArray());
    }

    @Test
    void indexingIsRowMajor() {
        // GIVEN a 2x3x4 tensor
        Tensor t = Tensor.zeros(2, 3, 4);
        // WHEN / THEN offset of (1, 2, 3) is 1*12 + 2*4 + 3 = 23 and back
        assertEquals(23, t.flatten(1, 2, 3));
        assertArrayEquals(new int[] {1, 2, 3}, t.unravel(23));
        assertEquals("[1, 2, 3]", t.formatIndex(23));
    }

    @Test
    void shapeErrorsNameBothShapes() {
        // GIVEN shapes that do not fit
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(2, 3);
        // WHEN multiplied THEN the error names both shapes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertTrue(e.getMessage().contains("[2, 3] . [2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 1, 1, 1, 1));
    }

    @Test
    void nonFiniteElementsAreFound() {
        // GIVEN a tensor with a NaN at offset 2
        Tensor t = Tensor.vector(1, 2, Double.NaN, Double.POSITIVE_INFINITY);
        // WHEN / THEN the first non-finite offset is 2
        assertEquals(2, t.firstNonFinite());
        assertEquals(-1, Tensor.vector(1, 2).firstNonFinite());
    }

    @Test
    void printsNestedArrays() {
        // GIVEN a 2x2 matrix WHEN printed THEN nested like numpy
        assertEquals("[[1.0, 2.0], [3.0, 4.0]]", Tensor.matrix(new double[] {1, 2}, new double[] {3, 4}).toString());
    }
}
