package io.gradcheck4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The product kernels (vectorised row updates from 16 columns on, register blocks below) against the
 * textbook triple loop written here, s = 0, s += a[i, p] b[p, j] for p = 0, 1, ...: every kernel sums in that
 * order, so the results must be equal bit for bit, for every shape on both sides of the 16-column switch.
 */
class MatMulProperties {

    @Property(tries = 100, seed = "20261123")
    void everyProductEqualsTheTextbookLoopBitForBit(@ForAll @IntRange(min = 1, max = 70) int m,
                                                    @ForAll @IntRange(min = 1, max = 140) int k,
                                                    @ForAll @IntRange(min = 1, max = 70) int n,
                                                    @ForAll long seed) {
        // GIVEN random a[m, k] and b[k, n]
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = uniform(random, m * k);
        double[] b = uniform(random, k * n);
        double[] expected = textbook(a, b, m, k, n);
        // WHEN multiplied as a b, as (a^T)^T b and as a (b^T)^T
        Tensor ta = Tensor.of(a, m, k);
        Tensor tb = Tensor.of(b, k, n);
        // THEN all three equal the textbook loop exactly
        assertArrayEquals(expected, ta.matmul(tb).toArray());
        assertArrayEquals(expected, ta.transpose().transposeMatmul(tb).toArray());
        assertArrayEquals(expected, ta.matmulTranspose(tb.transpose()).toArray());
    }

    private static double[] textbook(double[] a, double[] b, int m, int k, int n) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    private static double[] uniform(SplittableRandom random, int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = random.nextDouble(-3, 3);
        }
        return out;
    }
}
