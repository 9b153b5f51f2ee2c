package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Closed-form values of the element-wise activations leaky_relu, elu, gelu and softplus. */
class DenseActivationsTest {

    private static double[] derivative(Layer layer, double... xs) {
        Tensor x = Tensor.vector(xs);
        return layer.backward(x, layer.forward(x), Tensor.filled(1.0, xs.length)).input().toArray();
    }

    @Test
    void leakyReluScalesNegativesBySlope() {
        // GIVEN
        LeakyReLU layer = new LeakyReLU(0.1);

        // WHEN
        double[] y = layer.forward(Tensor.vector(-2, 3)).toArray();
        double[] dy = derivative(layer, -2, 3);

        // THEN y = [0.1 * -2, 3], y' = [0.1, 1]
        assertArrayEquals(new double[] {-0.2, 3}, y, 1e-16);
        assertArrayEquals(new double[] {0.1, 1}, dy, 0);
    }

    @Test
    void leakyReluReportsItsKinkUnlessTheSlopeIsOne() {
        // GIVEN two points on either side of 0
        Tensor left = Tensor.vector(-1e-9);
        Tensor right = Tensor.vector(1e-9);

        // WHEN / THEN the branch changes across 0 for slope 0.01; slope 1 is the identity and has no pieces
        assertNotEquals(Arrays.toString(new LeakyReLU(0.01).branchPattern(left)), Arrays.toString(new LeakyReLU(0.01).branchPattern(right)));
        assertEquals(0, new LeakyReLU(1).branchPattern(left).length);
    }

    @Test
    void eluAtMinusLn2WithAlpha2() {
        // GIVEN alpha = 2: y(-ln2) = 2 (1/2 - 1) = -1, y'(-ln2) = 2 e^-ln2 = 1; y(3) = 3, y'(3) = 1
        ELU layer = new ELU(2);

        // WHEN
        double[] y = layer.forward(Tensor.vector(-Math.log(2), 3)).toArray();
        double[] dy = derivative(layer, -Math.log(2), 3);

        // THEN
        assertArrayEquals(new double[] {-1, 3}, y, 1e-15);
        assertArrayEquals(new double[] {1, 1}, dy, 1e-15);
    }

    @Test
    void eluHasAKinkAtZeroOnlyWhenAlphaIsNotOne() {
        // GIVEN the left derivative at 0 is alpha, the right one 1
        Tensor left = Tensor.vector(-1e-9);
        Tensor right = Tensor.vector(1e-9);

        // WHEN / THEN
        assertNotEquals(Arrays.toString(new ELU(0.5).branchPattern(left)), Arrays.toString(new ELU(0.5).branchPattern(right)));
        assertEquals(0, new ELU(1).branchPattern(left).length);
        assertArrayEquals(new double[] {0.5}, derivative(new ELU(0.5), 0), 0);
    }

    @Test
    void eluSaturatesAtMinusAlpha() {
        // WHEN
        double y = new ELU(1.5).forward(Tensor.vector(-50)).item();

        // THEN alpha (e^-50 - 1) = -1.5 to double precision
        assertEquals(-1.5, y, 1e-15);
    }

    @Test
    void geluAtZeroIsZeroWithSlopeOneHalf() {
        // GIVEN GELU(x) = x Phi(x): GELU(0) = 0, GELU'(0) = Phi(0) + 0 phi(0) = 1/2
        GELU gelu = new GELU();

        // WHEN / THEN
        assertEquals(0, gelu.forward(Tensor.vector(0)).item(), 0);
        assertArrayEquals(new double[] {0.5}, derivative(gelu, 0), 1e-15);
    }

    @Test
    void geluMatchesTheNormalDistributionAt40Digits() {
        // GIVEN x Phi(x) and Phi(x) + x phi(x), evaluated with mpmath at 40 digits (erfc, exp, sqrt(2 pi))
        double[] xs = {1, -1, 3, -5, -10};
        double[] values = {0.84134474606854294859, -0.15865525393145705141, 2.9959503059051097164,
                -1.4332578593959695584e-6, -7.619853024160526066e-23};
        double[] slopes = {1.0833154705876862984, -0.083315470587686298383, 1.011945647204183927,
                -7.1469460017922946279e-6, -7.6184000964648140857e-22};
        GELU gelu = new GELU();

        // WHEN
        double[] y = gelu.forward(Tensor.vector(xs)).toArray();
        double[] dy = derivative(gelu, xs);

        // THEN relative accuracy 1e-13 even in the far tail (no cancellation in 1 + erf)
        for (int i = 0; i < xs.length; i++) {
            assertEquals(values[i], y[i], 1e-13 * Math.abs(values[i]), "GELU(" + xs[i] + ")");
            assertEquals(slopes[i], dy[i], 1e-13 * Math.abs(slopes[i]), "GELU'(" + xs[i] + ")");
        }
    }

    @Test
    void softplusAtZeroIsLn2() {
        // WHEN / THEN log(1 + e^0) = ln 2
        assertEquals(Math.log(2), new Softplus().forward(Tensor.vector(0)).item(), 1e-16);
    }

    @Test
    void softplusDerivativeIsTheSigmoid() {
        // GIVEN
        double[] xs = {-3, -0.5, 0, 0.5, 3};

        // WHEN
        double[] dy = derivative(new Softplus(), xs);

        // THEN softplus'(x) = 1 / (1 + e^-x)
        for (int i = 0; i < xs.length; i++) {
            assertEquals(1 / (1 + Math.exp(-xs[i])), dy[i], 1e-16, "x = " + xs[i]);
        }
    }

    @Test
    void softplusNeitherOverflowsNorUnderflowsToZero() {
        // WHEN
        double[] y = new Softplus().forward(Tensor.vector(1000, -40)).toArray();

        // THEN softplus(1000) = 1000 + log1p(e^-1000) = 1000; softplus(-40) = log1p(e^-40) = 4.2483542552915889863e-18 (mpmath)
        assertEquals(1000, y[0], 0);
        assertEquals(4.2483542552915889863e-18, y[1], 1e-15 * 4.25e-18);
    }

    @Test
    void optionsAreValidated() {
        // WHEN / THEN
        IllegalArgumentException slope = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(Double.NaN));
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class, () -> new ELU(Double.POSITIVE_INFINITY));
        assertEquals("leaky_relu option 'slope' must be a finite number, got NaN", slope.getMessage());
        assertEquals("elu option 'alpha' must be a finite number, got Infinity", alpha.getMessage());
    }
}
