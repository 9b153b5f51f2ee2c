package io.gradcheck4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The product kernels (vectorised row updates from 16 columns on, register blocks below) against the
 * textbook triple loop written here, s = 0, s += a[i, p] b[p, j] for p = 0, 1, ...: every kernel sums in that
 * order, so the results must be equal bit for bit, for every shape on both sides of the 16-column switch.
 */
@GradientProperties
class MatMulProperties {

    @Property(tries = 100, seed = "20261123")
    void everyProductEqualsTheTextbookLoopBitForBit(@ForAll("factors") Tuple2<Tensor, Tensor> factors) {
        // GIVEN random a[m, k] and b[k, n]
        int m = factors.get1().dim(0);
        int k = factors.get1().dim(1);
        int n = factors.get2().dim(1);
        double[] a = factors.get1().toArray();
        double[] b = factors.get2().toArray();
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

    /** a [1-70, 1-140] and b [k, 1-70] with entries in [-3, 3] (12 decimals, so that products round). */
    @Provide
    Arbitrary<Tuple2<Tensor, Tensor>> factors() {
        return Combinators.combine(Arbitraries.integers().between(1, 70), Arbitraries.integers().between(1, 140), Arbitraries.integers().between(1, 70))
                .flatAs((m, k, n) -> Combinators.combine(values(m, k), values(k, n)).as(Tuple::of));
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-3, 3).decimals(12);
    }
}
