package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LstmTest {
    private static final double EPS = 1e-14;

    @Test
    void oneStepWithScalarSizesByHand() {
        // GIVEN hidden 1, x = 0.7, Wx = [wi, wf, wg, wo] = [0.5, -0.3, 0.9, 0.2], b = [0.1, 0.2, -0.1, 0.3], h0 = c0 = 0
        Lstm lstm = new Lstm(Tensor.matrix(new double[] {0.5, -0.3, 0.9, 0.2}), Tensor.matrix(new double[] {7, 7, 7, 7}),
                Tensor.vector(0.1, 0.2, -0.1, 0.3));
        Tensor x = Tensor.of(new double[] {0.7}, 1, 1, 1);
        // WHEN
        Tensor y = lstm.forward(x);
        LayerGradients g = lstm.backward(x, y, Tensor.of(new double[] {1}, 1, 1, 1));
        // THEN (python3 from the closed form) c = i g, h = o tanh(c); dc = o (1 - tanh^2 c);
        // da_i = dc g i (1 - i), da_g = dc i (1 - g^2), da_o = tanh(c) o (1 - o); the forget gate multiplies
        // c0 = 0 and Wh multiplies h0 = 0, so their gradients are exactly 0
        assertEquals(0.17518347592186267, y.item(), EPS);
        assertEquals(Tensor.zeros(1, 4), g.parameters().get(Lstm.HIDDEN_WEIGHT));
        Tensor dWx = g.parameters().get(Lstm.INPUT_WEIGHT);
        assertEquals(0.04506091657102379, dWx.get(0), EPS);
        assertEquals(0.0, dWx.get(1));
        assertEquals(0.1822588440407849, dWx.get(2), EPS);
        assertEquals(0.0480385812583776, dWx.get(3), EPS);
        Tensor db = g.parameters().get(Lstm.BIAS);
        assertEquals(0.06437273795860542, db.get(0), EPS);
        assertEquals(0.0, db.get(1));
        assertEquals(0.2603697772011213, db.get(2), EPS);
        assertEquals(0.06862654465482515, db.get(3), EPS);
        assertEquals(0.2802444773912769, g.input().item(), EPS);
    }
}
