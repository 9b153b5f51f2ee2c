package io.gradcheck4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MatMulProperties {

    @Property(seed = "20261123", tries = 60)
    void blockedKernelsAgreeWithTheTextbookTripleLoop(@ForAll @IntRange(min = 1, max = 70) int m,
                                                     @ForAll @IntRange(min = 1, max = 140) int k,
                                                     @ForAll @IntRange(min = 1, max = 70) int n,
                                                     @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor a = RandomTensors.uniform(random, -1, 1, m, k);
        Tensor b = RandomTensors.uniform(random, -1, 1, k, n);
        Tensor product = a.matmul(b);
        Tensor viaAt = a.transpose().transposeMatmul(b);
        Tensor viaBt = a.matmulTranspose(b.transpose());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += a.at(i, p) * b.at(p, j);
                }
                assertEquals(expected, product.at(i, j), 1e-12, "matmul at " + i + "," + j);
                assertEquals(expected, viaAt.at(i, j), 1e-12, "transposeMatmul at " + i + "," + j);
                assertEquals(expected, viaBt.at(i, j), 1e-12, "matmulTranspose at " + i + "," + j);
            }
        }
    }
}
