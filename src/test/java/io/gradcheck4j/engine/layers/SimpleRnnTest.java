package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SimpleRnnTest {
    private static final double EPS = 1e-14;

    @Test
    void oneTimeStepIsTanhOfTheAffineMapBecauseH0IsZero() {
        // GIVEN x = [0.5, -1], Wx = [[0.1, 0.2], [0.3, -0.4]], b = [0.05, -0.1]; Wh cannot matter at t = 0
        SimpleRnn rnn = new SimpleRnn(Tensor.matrix(new double[] {0.1, 0.2}, new double[] {0.3, -0.4}),
                Tensor.matrix(new double[] {9, 9}, new double[] {9, 9}), Tensor.vector(0.05, -0.1));
        // WHEN
        Tensor y = rnn.forward(Tensor.of(new double[] {0.5, -1}, 1, 1, 2));
        // THEN h = tanh(x Wx + b) = tanh(0.05 - 0.3 + 0.05, 0.1 + 0.4 - 0.1) = tanh(-0.2, 0.4)
        assertEquals(Math.tanh(-0.2), y.at(0, 0, 0), EPS);
        assertEquals(Math.tanh(0.4), y.at(0, 0, 1), EPS);
    }

    @Test
    void twoStepBackpropThroughTimeWithScalarSizes() {
        // GIVEN h1 = tanh(a x1 + b), h2 = tanh(a x2 + w h1 + b) with a = 0.8, w = -0.6, b = 0.1, x = (0.5, -1),
        // and J = 1 * h1 + 2 * h2
        SimpleRnn rnn = new SimpleRnn(Tensor.matrix(new double[] {0.8}), Tensor.matrix(new double[] {-0.6}), Tensor.vector(0.1));
        Tensor x = Tensor.of(new double[] {0.5, -1}, 1, 2, 1);
        // WHEN
        Tensor y = rnn.forward(x);
        LayerGradients g = rnn.backward(x, y, Tensor.of(new double[] {1, 2}, 1, 2, 1));
        // THEN (python3 from the closed form) da2 = u2 (1 - h2^2), da1 = (u1 + w da2)(1 - h1^2);
        // dWx = x1 da1 + x2 da2, dWh = h1 da2, db = da1 + da2, dx_t = a da_t
        assertEquals(0.46211715726000974, y.at(0, 0, 0), EPS);
        assertEquals(-0.7518818066873187, y.at(0, 1, 0), EPS);
        assertEquals(-0.6812325416434769, g.parameters().get(SimpleRnn.INPUT_WEIGHT).item(), EPS);
        assertEquals(0.40174039423670355, g.parameters().get(SimpleRnn.HIDDEN_WEIGHT).item(), EPS);
        assertEquals(1.2455774093487268, g.parameters().get(SimpleRnn.BIAS).item(), EPS);
        assertEquals(0.3009839294428, g.input().at(0, 0, 0), EPS);
        assertEquals(0.6954779980361816, g.input().at(0, 1, 0), EPS);
    }

    @Test
    void gradientThroughTimeVanishesAsTheProductOfStepJacobians() {
        // GIVEN a scalar RNN (a = 1, w = 0.5, b = 0) fed x_0 = 1 then zeros for 12 steps, dJ/dh_11 = 1 only
        int time = 12;
        double a = 1;
        double w = 0.5;
        SimpleRnn rnn = new SimpleRnn(Tensor.matrix(new double[] {a}), Tensor.matrix(new double[] {w}), Tensor.vector(0));
        double[] xs = new double[time];
        xs[0] = 1;
        Tensor x = Tensor.of(xs, 1, time, 1);
        double[] upstream = new double[time];
        upstream[time - 1] = 1;
        // WHEN
        Tensor dx = rnn.backward(x, rnn.forward(x), Tensor.of(upstream, 1, time, 1)).input();
        // THEN dh_11/dx_0 = a (1 - h_0^2) prod_{t=1..11} w (1 - h_t^2) with h_0 = tanh(1), h_t = tanh(w h_{t-1}):
        // each step multiplies by less than w = 0.5, so the gradient is below 0.5^11 (Karpathy's vanishing gradients)
        double h = Math.tanh(a);
        double expected = a * (1 - h * h);
        for (int t = 1; t < time; t++) {
            h = Math.tanh(w * h);
            expected *= w * (1 - h * h);
        }
        assertEquals(expected, dx.at(0, 0, 0), 1e-15);
        assertTrue(Math.abs(dx.at(0, 0, 0)) < Math.pow(0.5, 11));
        // while the last input, one step from the loss, gets the undamped a (1 - h_11^2)
        assertEquals(a * (1 - h * h), dx.at(0, time - 1, 0), 1e-15);
    }
}
