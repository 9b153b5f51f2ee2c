package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Conv2D}'s blocked loops against the textbook loop written here: for n, o, i, j, then c, p, q, the term
 * W[o, c, p, q] &middot; x[n, c, S i + p - P, S j + q - P] of every tap inside x is added to y (which starts at
 * b[o]), dy &middot; x to dW, dy &middot; W to dx, and dy to db. The layer documents that it sums every entry in
 * this order, so y, dx, dW and db are equal bit for bit (exact equality, no tolerance), on random shapes,
 * strides, paddings and values.
 */
@GradientProperties
class Conv2DLoopProperties {

    /** A random convolution [outC 1-3, inC 1-3, k 1-4 (at most H, W + 2P), stride 1-3, padding 0-2], its input and an upstream gradient. */
    record Case(Conv2D layer, Tensor x, Tensor dy) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> geometry = Combinators.combine(List.of(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 7), Arbitraries.integers().between(1, 7)))
                .as(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return geometry.flatMap(d -> {
            int batch = d[0], inC = d[1], outC = d[2], stride = d[4], padding = d[5], h = d[6], w = d[7];
            int k = Math.min(d[3], Math.min(h, w) + 2 * padding);
            int outH = (h + 2 * padding - k) / stride + 1;
            int outW = (w + 2 * padding - k) / stride + 1;
            return Combinators.combine(Tensors.of(outC, inC, k, k), Tensors.of(outC), Tensors.of(batch, inC, h, w), Tensors.of(batch, outC, outH, outW))
                    .as((weight, bias, x, dy) -> new Case(new Conv2D(weight, bias, stride, padding), x, dy));
        });
    }

    @Property(seed = "20261213", tries = 200)
    void forwardAndBackwardEqualTheTextbookLoop(@ForAll("cases") Case c) {
        // GIVEN a convolution, its input and an upstream gradient
        Conv2D conv = c.layer();
        // WHEN it runs forward and backward
        Tensor y = conv.forward(c.x());
        LayerGradients g = conv.backward(c.x(), y, c.dy());
        // THEN each result is the textbook loop's, bit for bit
        double[][] expected = textbook(conv, c.x(), c.dy());
        assertArrayEquals(expected[0], y.toArray());
        assertArrayEquals(expected[1], g.input().toArray());
        assertArrayEquals(expected[2], g.parameters().get(Conv2D.WEIGHT).toArray());
        assertArrayEquals(expected[3], g.parameters().get(Conv2D.BIAS).toArray());
    }

    /** y, dx, dW, db by the plain seven-deep loop, taps on the padding skipped. */
    private static double[][] textbook(Conv2D conv, Tensor x, Tensor dy) {
        Tensor weight = conv.parameters().get(Conv2D.WEIGHT);
        Tensor bias = conv.parameters().get(Conv2D.BIAS);
        int batch = x.dim(0), inC = x.dim(1), h = x.dim(2), w = x.dim(3);
        int outC = weight.dim(0), k = weight.dim(2), stride = conv.stride(), padding = conv.padding();
        int outH = dy.dim(2), outW = dy.dim(3);
        double[] y = new double[dy.size()];
        double[] dx = new double[x.size()];
        double[] dW = new double[weight.size()];
        double[] db = new double[bias.size()];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outC; o++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        int out = dy.flatten(n, o, i, j);
                        double up = dy.get(out);
                        double sum = bias.get(o);
                        db[o] += up;
                        for (int ch = 0; ch < inC; ch++) {
                            for (int p = 0; p < k; p++) {
                                for (int q = 0; q < k; q++) {
                                    int r = i * stride + p - padding;
                                    int s = j * stride + q - padding;
                                    if (r >= 0 && r < h && s >= 0 && s < w) {
                                        int in = x.flatten(n, ch, r, s);
                                        int tap = weight.flatten(o, ch, p, q);
                                        sum += weight.get(tap) * x.get(in);
                                        dW[tap] += up * x.get(in);
                                        dx[in] += up * weight.get(tap);
                                    }
                                }
                            }
                        }
                        y[out] = sum;
                    }
                }
            }
        }
        return new double[][] {y, dx, dW, db};
    }
}
