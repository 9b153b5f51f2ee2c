package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.properties.ValuePool;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@GradientProperties
class SpatialLayerProperties {
    private static final GradientChecker CHECKER = new GradientChecker(CheckOptions.defaults().withParallelism(1));

    @Property(seed = "20261123", tries = 40)
    void convolutionPassesTheGradientCheckForAnyGeometry(@ForAll @IntRange(min = 1, max = 2) int inC,
                                                         @ForAll @IntRange(min = 1, max = 2) int outC,
                                                         @ForAll @IntRange(min = 1, max = 5) int h,
                                                         @ForAll @IntRange(min = 1, max = 5) int w,
                                                         @ForAll @IntRange(min = 1, max = 3) int kH,
                                                         @ForAll @IntRange(min = 1, max = 3) int kW,
                                                         @ForAll @IntRange(min = 1, max = 3) int stride,
                                                         @ForAll @IntRange(min = 0, max = 2) int padding,
                                                         @ForAll("pools") ValuePool values) {
        Assume.that(h + 2 * padding >= kH && w + 2 * padding >= kW);
        Conv2D conv = new Conv2D(values.tensor(-1, 1, outC, inC, kH, kW), values.tensor(-1, 1, outC), stride, padding);
        Tensor x = values.tensor(-2, 2, 1, inC, h, w);
        Tensor upstream = values.tensor(-1, 1, conv.forward(x).shape());
        CheckReport report = CHECKER.check(NetworkFunction.ofLayer(conv, x, upstream));
        assertTrue(report.passed(), () -> report.mismatches().toString());
    }

    @Property(seed = "20261123", tries = 40)
    void paddingEqualsConvolvingAnExplicitlyZeroPaddedInput(@ForAll @IntRange(min = 1, max = 4) int h,
                                                            @ForAll @IntRange(min = 1, max = 4) int w,
                                                            @ForAll @IntRange(min = 1, max = 2) int padding,
                                                            @ForAll @IntRange(min = 1, max = 2) int stride,
                                                            @ForAll("pools") ValuePool values) {
        Tensor weight = values.tensor(-1, 1, 2, 1, 2, 2);
        Tensor bias = values.tensor(-1, 1, 2);
        Tensor x = values.tensor(-2, 2, 1, 1, h, w);
        double[] padded = new double[(h + 2 * padding) * (w + 2 * padding)];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                padded[(r + padding) * (w + 2 * padding) + c + padding] = x.at(0, 0, r, c);
            }
        }
        Tensor viaPadding = new Conv2D(weight, bias, stride, padding).forward(x);
        Tensor viaZeros = new Conv2D(weight, bias, stride, 0).forward(Tensor.wrap(padded, 1, 1, h + 2 * padding, w + 2 * padding));
        assertEquals(viaZeros, viaPadding);
    }

    @Property(seed = "20261123", tries = 30)
    void averagePoolingIsAConvolutionWithAConstantKernel(@ForAll @IntRange(min = 1, max = 3) int kernel,
                                                         @ForAll @IntRange(min = 1, max = 3) int stride,
                                                         @ForAll @IntRange(min = 3, max = 6) int size,
                                                         @ForAll("pools") ValuePool values) {
        Tensor x = values.tensor(-2, 2, 2, 1, size, size);
        AvgPool2D pool = new AvgPool2D(kernel, stride);
        Conv2D conv = new Conv2D(Tensor.filled(1.0 / (kernel * kernel), 1, 1, kernel, kernel), Tensor.zeros(1), stride, 0);
        Tensor y = pool.forward(x);
        Tensor dy = values.tensor(-1, 1, y.shape());
        assertClose(conv.forward(x), y);
        assertClose(conv.backward(x, conv.forward(x), dy).input(), pool.backward(x, y, dy).input());
    }

    @Property(seed = "20261123", tries = 30)
    void maxPoolingSendsEveryUpstreamEntryToOneMaximalInput(@ForAll @IntRange(min = 1, max = 3) int kernel,
                                                            @ForAll @IntRange(min = 1, max = 3) int stride,
                                                            @ForAll @IntRange(min = 3, max = 6) int size,
                                                            @ForAll("pools") ValuePool values) {
        Tensor x = values.tensor(-2, 2, 1, 2, size, size);
        MaxPool2D pool = new MaxPool2D(kernel, stride);
        Tensor y = pool.forward(x);
        Tensor dy = values.tensor(0.5, 1, y.shape());
        LayerGradients g = pool.backward(x, y, dy);
        assertEquals(dy.sum(), g.input().sum(), 1e-12);
        for (int i = 0; i < x.size(); i++) {
            if (g.input().get(i) != 0) {
                boolean isSomeMaximum = false;
                for (int k = 0; k < y.size(); k++) {
                    isSomeMaximum |= y.get(k) == x.get(i);
                }
                assertTrue(isSomeMaximum, "gradient reached a non-maximal input at " + x.formatIndex(i));
            }
        }
    }

    /** Enough values for the largest case of every property here (a convolution: weights 36 + bias 2 + input 50 + upstream 162). */
    @Provide
    Arbitrary<ValuePool> pools() {
        return ValuePool.arbitrary(260);
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-12, "at " + expected.formatIndex(i));
        }
    }
}
