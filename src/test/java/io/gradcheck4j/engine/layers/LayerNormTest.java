package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-derived layer-norm values: batch norm's formulas applied to each row instead of each column. */
class LayerNormTest {
    private static final double SQRT2 = Math.sqrt(2);

    @Test
    void eachRowIsNormalisedWithItsOwnStatistics() {
        // GIVEN rows [1, 3] (mean 2, var 1) and [10, 30] (mean 20, var 100), gamma [1, 3], beta [0, 1], eps 0
        LayerNorm ln = new LayerNorm(Tensor.vector(1, 3), Tensor.vector(0, 1), 0);
        Tensor x = Tensor.matrix(new double[] {1, 3}, new double[] {10, 30});

        // WHEN
        Tensor y = ln.forward(x);

        // THEN xhat = [-1, 1] in both rows; y = [1 (-1) + 0, 3 (1) + 1]
        assertArrayEquals(new double[] {-1, 4, -1, 4}, y.toArray(), 0);
    }

    @Test
    void rowBackwardByHand() {
        // GIVEN row [0, 1, 1, 2]: mean 1, var 1/2, xhat = [-sqrt2, 0, 0, sqrt2]; gamma 2 everywhere, eps 0,
        // dy = [1, 0, 0, 0]: g = gamma dy = [2, 0, 0, 0], sum g = 2, sum g xhat = -2 sqrt2,
        // dx_j = (1/4) sqrt2 (4 g_j - 2 + 2 sqrt2 xhat_j) = (sqrt2/2) [4 - 1 - 2, -1, -1, -1 + 2]
        LayerNorm ln = new LayerNorm(Tensor.vector(2, 2, 2, 2), Tensor.vector(0.5, 0.5, 0.5, 0.5), 0);
        Tensor x = Tensor.matrix(new double[] {0, 1, 1, 2});
        Tensor dy = Tensor.matrix(new double[] {1, 0, 0, 0});

        // WHEN
        LayerGradients g = ln.backward(x, ln.forward(x), dy);

        // THEN dgamma = dy xhat, dbeta = dy (one row)
        double h = SQRT2 / 2;
        assertArrayEquals(new double[] {h, -h, -h, h}, g.input().toArray(), 1e-15);
        assertArrayEquals(new double[] {-SQRT2, 0, 0, 0}, g.parameters().get("gamma").toArray(), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0, 0}, g.parameters().get("beta").toArray(), 0);
    }

    @Test
    void parameterGradientsSumOverAllRowsOfARank3Input() {
        // GIVEN a [2, 1, 2] input with rows [1, 3] and [5, 3]: xhat [-1, 1] and [1, -1]; dy all ones
        LayerNorm ln = new LayerNorm(Tensor.vector(1, 1), Tensor.vector(0, 0), 0);
        Tensor x = Tensor.of(new double[] {1, 3, 5, 3}, 2, 1, 2);

        // WHEN
        LayerGradients g = ln.backward(x, ln.forward(x), Tensor.filled(1, 2, 1, 2));

        // THEN dgamma_j = sum over rows of xhat_j = [-1 + 1, 1 - 1]; dbeta_j = 2 rows
        assertArrayEquals(new double[] {0, 0}, g.parameters().get("gamma").toArray(), 0);
        assertArrayEquals(new double[] {2, 2}, g.parameters().get("beta").toArray(), 0);
        assertArrayEquals(new int[] {2, 1, 2}, g.input().shape());
    }

    @Test
    void constantRowWithoutEpsilonIsAnErrorNamingTheRow() {
        // GIVEN
        LayerNorm ln = new LayerNorm(Tensor.vector(1, 1), Tensor.vector(0, 0), 0);

        // WHEN
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ln.forward(Tensor.matrix(new double[] {1, 2}, new double[] {3, 3})));

        // THEN
        assertEquals("layer_norm: row [1, 0] has zero variance and epsilon is 0, so it cannot be normalised", e.getMessage());
    }
}
