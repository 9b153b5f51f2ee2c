package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Conv2DTest {

    private static Tensor image(int channels, int h, int w, double... values) {
        return Tensor.of(values, 1, channels, h, w);
    }

    @Test
    void oneChannel3x3With2x2KernelByHand() {
        // GIVEN x = [[1,2,3],[4,5,6],[7,8,9]], W = [[1,0],[-1,2]], b = 0.5, stride 1, no padding
        Conv2D conv = new Conv2D(Tensor.of(new double[] {1, 0, -1, 2}, 1, 1, 2, 2), Tensor.vector(0.5), 1, 0);
        Tensor x = image(1, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // WHEN
        Tensor y = conv.forward(x);
        LayerGradients g = conv.backward(x, y, Tensor.filled(1, 1, 1, 2, 2));
        // THEN y[i,j] = x[i,j] - x[i+1,j] + 2 x[i+1,j+1] + 0.5: 1-4+10.5, 2-5+12.5, 4-7+16.5, 5-8+18.5
        assertEquals(image(1, 2, 2, 7.5, 9.5, 13.5, 15.5), y);
        // dW[p,q] = sum of the 2x2 block of x starting at (p,q): 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
        assertEquals(Tensor.of(new double[] {12, 16, 24, 28}, 1, 1, 2, 2), g.parameters().get(Conv2D.WEIGHT));
        // db = number of output positions; dx[r,s] = sum of the kernel entries that touch (r,s)
        assertEquals(Tensor.vector(4), g.parameters().get(Conv2D.BIAS));
        assertEquals(image(1, 3, 3, 1, 1, 0, 0, 2, 2, -1, 1, 2), g.input());
    }

    @Test
    void strideTwoPaddingOneByHand() {
        // GIVEN x = [[1,2],[3,4]] zero-padded to 4x4, W = [[1,2],[3,4]], stride 2: each window sees one pixel
        Conv2D conv = new Conv2D(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2), Tensor.vector(0), 2, 1);
        Tensor x = image(1, 2, 2, 1, 2, 3, 4);
        Tensor dy = image(1, 2, 2, 1, 2, 3, 4);
        // WHEN
        Tensor y = conv.forward(x);
        LayerGradients g = conv.backward(x, y, dy);
        // THEN y00 = W11 x00 = 4, y01 = W10 x01 = 6, y10 = W01 x10 = 6, y11 = W00 x11 = 4
        assertEquals(image(1, 2, 2, 4, 6, 6, 4), y);
        // dW11 = dy00 x00 = 1, dW10 = dy01 x01 = 4, dW01 = dy10 x10 = 9, dW00 = dy11 x11 = 16
        assertEquals(Tensor.of(new double[] {16, 9, 4, 1}, 1, 1, 2, 2), g.parameters().get(Conv2D.WEIGHT));
        // dx00 = dy00 W11 = 4, dx01 = dy01 W10 = 6, dx10 = dy10 W01 = 6, dx11 = dy11 W00 = 4
        assertEquals(image(1, 2, 2, 4, 6, 6, 4), g.input());
        assertEquals(Tensor.vector(10), g.parameters().get(Conv2D.BIAS));
    }

    @Test
    void oneByOneKernelMixesChannels() {
        // GIVEN channels c0 = [1, 2], c1 = [3, 4], a 1x1 kernel [0.5, -1] and bias 1
        Conv2D conv = new Conv2D(Tensor.of(new double[] {0.5, -1}, 1, 2, 1, 1), Tensor.vector(1), 1, 0);
        Tensor x = image(2, 1, 2, 1, 2, 3, 4);
        // WHEN
        Tensor y = conv.forward(x);
        LayerGradients g = conv.backward(x, y, image(1, 1, 2, 1, 1));
        // THEN y = 0.5 c0 - c1 + 1; dx = the kernel weight of each channel; dW[c] = sum of channel c
        assertEquals(image(1, 1, 2, -1.5, -2), y);
        assertEquals(image(2, 1, 2, 0.5, 0.5, -1, -1), g.input());
        assertEquals(Tensor.of(new double[] {3, 7}, 1, 2, 1, 1), g.parameters().get(Conv2D.WEIGHT));
    }

    @Test
    void aNonFiniteWeightOnThePaddingReachesNoOutput() {
        // GIVEN one pixel x = 2 padded by 1, a 3x3 kernel with 3 at its centre and NaN, inf at two corners, bias 1
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        Conv2D conv = new Conv2D(Tensor.of(new double[] {nan, 0, 0, 0, 3, 0, 0, 0, inf}, 1, 1, 3, 3), Tensor.vector(1), 1, 1);
        Tensor x = image(1, 1, 1, 2);
        // WHEN
        Tensor y = conv.forward(x);
        LayerGradients g = conv.backward(x, y, image(1, 1, 1, 1));
        // THEN the corner taps lie on the padding, which contributes no term (not NaN * 0): y = 1 + 3 * 2
        assertEquals(image(1, 1, 1, 7), y);
        // dx = dy * W[centre] = 3; dW is dy * x = 2 at the centre and 0 on the padding taps
        assertEquals(image(1, 1, 1, 3), g.input());
        assertEquals(Tensor.of(new double[] {0, 0, 0, 0, 2, 0, 0, 0, 0}, 1, 1, 3, 3), g.parameters().get(Conv2D.WEIGHT));
    }

    @Test
    void rejectsMismatchedShapes() {
        // GIVEN a 2-channel kernel
        Conv2D conv = new Conv2D(Tensor.zeros(1, 2, 3, 3), Tensor.zeros(1), 1, 0);
        // WHEN / THEN a 1-channel input, a too small input and a bad bias are named
        assertTrue(assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 1, 3, 3)))
                .getMessage().contains("2 input channels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 2, 2, 2)))
                .getMessage().contains("does not fit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2D(Tensor.zeros(1, 2, 3, 3), Tensor.zeros(2), 1, 0))
                .getMessage().contains("bias"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(Tensor.zeros(1, 2, 3, 3), Tensor.zeros(1), 0, 0));
    }
}
