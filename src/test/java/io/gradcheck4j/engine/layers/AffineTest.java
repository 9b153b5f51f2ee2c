package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The numpy Affine example's layer, reproduced number for number. */
class AffineTest {
    private static final Tensor W = Tensor.matrix(new double[] {1, 3, 5}, new double[] {2, 4, 6});

    @Test
    void forwardPrintsSixTwelveEighteen() {
        // GIVEN x = [1, 2], W = [[1, 3, 5], [2, 4, 6]], b = [1, 1, 1]
        Affine affine = new Affine(W, Tensor.vector(1, 1, 1));
        // WHEN forward
        Tensor y = affine.forward(Tensor.matrix(new double[] {1, 2}));
        // THEN the document prints [6 12 18]
        assertArrayEquals(new double[] {6, 12, 18}, y.toArray());
    }

    @Test
    void backwardFollowsTheDocument() {
        // GIVEN the numpy Affine example's backward x = [[1, 2], [3, 4]], dy = [[1, 1, 1], [2, 2, 2]]
        Affine affine = new Affine(W, Tensor.vector(1, 1, 1));
        Tensor x = Tensor.matrix(new double[] {1, 2}, new double[] {3, 4});
        Tensor dy = Tensor.matrix(new double[] {1, 1, 1}, new double[] {2, 2, 2});
        // WHEN backward
        LayerGradients g = affine.backward(x, affine.forward(x), dy);
        // THEN dx = dy . W^T: row 1 = [1+3+5, 2+4+6] = [9, 12], row 2 doubles it
        assertArrayEquals(new double[] {9, 12, 18, 24}, g.input().toArray());
        // AND dW = x^T . dy: [[1*1 + 3*2] * 3, [2*1 + 4*2] * 3]
        assertArrayEquals(new double[] {7, 7, 7, 10, 10, 10}, g.parameters().get("weight").toArray());
        // AND db = sum of dy over axis 0
        assertArrayEquals(new double[] {3, 3, 3}, g.parameters().get("bias").toArray());
    }

    @Test
    void rejectsInputsOfTheWrongWidth() {
        // GIVEN a 2 -> 3 layer
        Affine affine = new Affine(W, Tensor.vector(1, 1, 1));
        // WHEN given three features THEN the error states the expected shape
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> affine.forward(Tensor.zeros(1, 3)));
        assertTrue(e.getMessage().contains("[batch, 2]"), e.getMessage());
    }

    @Test
    void withParametersKeepsShapesAndNames() {
        // GIVEN a layer
        Affine affine = new Affine(W, Tensor.vector(1, 1, 1));
        // WHEN its bias is replaced
        Affine replaced = (Affine) affine.withParameters(java.util.Map.of("bias", Tensor.vector(0, 0, 0)));
        // THEN only the bias changed, and unknown names or new shapes are refused
        assertArrayEquals(W.toArray(), replaced.weight().toArray());
        assertArrayEquals(new double[] {0, 0, 0}, replaced.bias().toArray());
        assertThrows(IllegalArgumentException.class, () -> affine.withParameters(java.util.Map.of("gamma", W)));
        assertThrows(IllegalArgumentException.class, () -> affine.withParameters(java.util.Map.of("bias", Tensor.vector(1))));
    }
}
