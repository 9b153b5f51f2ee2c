package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Element-wise activations against their closed forms. */
class ActivationsTest {

    private static double[] dx(Layer layer, double... x) {
        Tensor in = Tensor.vector(x);
        Tensor dy = Tensor.filled(1.0, x.length);
        return layer.backward(in, layer.forward(in), dy).input().toArray();
    }

    @Test
    void sigmoidAndItsDerivativeYTimesOneMinusY() {
        // GIVEN sigmoid at 0 and at ln 3, where sigma = 1/(1 + 1/3) = 3/4
        Sigmoid s = new Sigmoid();
        double ln3 = Math.log(3);
        // WHEN forward and backward with dy = 1
        double[] y = s.forward(Tensor.vector(0, ln3)).toArray();
        double[] d = dx(s, 0, ln3);
        // THEN sigma(0) = 1/2, sigma'(0) = 1/4; sigma(ln 3) = 3/4, sigma' = 3/4 * 1/4 = 3/16
        assertEquals(0.5, y[0], 0);
        assertEquals(0.75, y[1], 1e-15);
        assertEquals(0.25, d[0], 0);
        assertEquals(3.0 / 16, d[1], 1e-15);
    }

    @Test
    void sigmoidStaysFiniteWhenSaturated() {
        // GIVEN extreme inputs WHEN forward THEN 0 and 1 without overflow or NaN
        assertArrayEquals(new double[] {0, 1}, new Sigmoid().forward(Tensor.vector(-1000, 1000)).toArray(), 1e-300);
    }

    @Test
    void tanhDerivativeIsOneMinusYSquared() {
        // GIVEN tanh at 0 and at atanh(1/2)
        double x = 0.5 * Math.log(3); // atanh(1/2)
        // WHEN / THEN tanh'(0) = 1 and tanh' = 1 - 1/4 = 3/4
        assertArrayEquals(new double[] {1, 0.75}, dx(new Tanh(), 0, x), 1e-15);
    }

    @Test
    void reluPassesGradientOnlyWherePositive() {
        // GIVEN inputs on both sides of 0 and at 0
        ReLU relu = new ReLU();
        // WHEN / THEN y = max(0, x), y' = 1 for x > 0 else 0
        assertArrayEquals(new double[] {0, 0, 2}, relu.forward(Tensor.vector(-1, 0, 2)).toArray());
        assertArrayEquals(new double[] {0, 0, 1}, dx(relu, -1, 0, 2));
        assertArrayEquals(new int[] {0, 0, 1}, relu.branchPattern(Tensor.vector(-1, 0, 2)));
    }

    @Test
    void stepIsZeroOrOneWithZeroGradient() {
        // GIVEN the step function of the AND-gate perceptron
        Step step = new Step();
        // WHEN / THEN step(x) = 0 for x <= 0, 1 for x > 0, derivative 0
        assertArrayEquals(new double[] {0, 0, 1}, step.forward(Tensor.vector(-0.5, 0, 0.3)).toArray());
        assertArrayEquals(new double[] {0, 0, 0}, dx(step, -0.5, 0, 0.3));
        assertArrayEquals(new int[] {0, 0, 1}, step.branchPattern(Tensor.vector(-0.5, 0, 0.3)));
    }

    @Test
    void identityPassesEverythingThrough() {
        // GIVEN identity WHEN forward and backward THEN y = x and dx = dy
        assertArrayEquals(new double[] {-2, 3}, new Identity().forward(Tensor.vector(-2, 3)).toArray());
        assertArrayEquals(new double[] {1, 1}, dx(new Identity(), -2, 3));
        assertEquals(0, new Sigmoid().branchPattern(Tensor.vector(1, 2)).length);
    }
}
