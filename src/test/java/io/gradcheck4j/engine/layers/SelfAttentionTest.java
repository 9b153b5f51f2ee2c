package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SelfAttentionTest {

    @Test
    void sequenceOfOneReducesToTheValueProjection() {
        // GIVEN x = [1, -2] alone in its sequence, Wv = [[0.5, 1], [2, -1]]; Wq, Wk arbitrary
        Tensor wq = Tensor.matrix(new double[] {3, -1}, new double[] {0.5, 2});
        Tensor wk = Tensor.matrix(new double[] {-2, 1}, new double[] {1, 4});
        SelfAttention attention = new SelfAttention(wq, wk, Tensor.matrix(new double[] {0.5, 1}, new double[] {2, -1}));
        Tensor x = Tensor.of(new double[] {1, -2}, 1, 1, 2);
        // WHEN
        Tensor y = attention.forward(x);
        LayerGradients g = attention.backward(x, y, Tensor.of(new double[] {1, 3}, 1, 1, 2));
        // THEN softmax of one score is 1, so y = x Wv = [0.5 - 4, 1 + 2]
        assertEquals(Tensor.of(new double[] {-3.5, 3}, 1, 1, 2), y);
        // dWv = x^T dy = [[1, 3], [-2, -6]]; dx = dy Wv^T = [0.5 + 3, 2 - 3]; the constant softmax gives Wq, Wk nothing
        assertEquals(Tensor.matrix(new double[] {1, 3}, new double[] {-2, -6}), g.parameters().get(SelfAttention.VALUE));
        assertEquals(Tensor.of(new double[] {3.5, -1}, 1, 1, 2), g.input());
        assertEquals(Tensor.zeros(2, 2), g.parameters().get(SelfAttention.QUERY));
        assertEquals(Tensor.zeros(2, 2), g.parameters().get(SelfAttention.KEY));
    }

    @Test
    void equalScoresAverageTheValues() {
        // GIVEN Wq = 0, so every score is 0 and the attention is uniform over a sequence of two
        Tensor zero = Tensor.zeros(1, 1);
        SelfAttention attention = new SelfAttention(zero, Tensor.matrix(new double[] {5}), Tensor.matrix(new double[] {2}));
        Tensor x = Tensor.of(new double[] {1, 3}, 1, 2, 1);
        // WHEN
        Tensor y = attention.forward(x);
        // THEN both outputs are the mean of V = 2x = [2, 6], i.e. 4
        assertEquals(Tensor.of(new double[] {4, 4}, 1, 2, 1), y);
    }
}
