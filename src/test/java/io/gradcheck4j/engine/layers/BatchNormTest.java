package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-derived batch-norm values (training mode, biased batch variance). */
class BatchNormTest {
    private static final double SQRT2 = Math.sqrt(2);

    private static BatchNorm unit(double epsilon) {
        return new BatchNorm(Tensor.vector(1), Tensor.vector(0), epsilon);
    }

    @Test
    void batchOfOneAndThreeNormalisesToMinusOneAndOne() {
        // GIVEN x = [[1], [3]], gamma 1, beta 0, eps 0: mean 2, var ((1-2)^2 + (3-2)^2)/2 = 1
        Tensor x = Tensor.matrix(new double[] {1}, new double[] {3});

        // WHEN
        Tensor y = unit(0).forward(x);

        // THEN xhat = [-1, 1]
        assertArrayEquals(new double[] {-1, 1}, y.toArray(), 0);
    }

    @Test
    void epsilonIsAddedToTheVariance() {
        // GIVEN the same batch with eps 1: xhat = (x - 2) / sqrt(1 + 1)
        Tensor x = Tensor.matrix(new double[] {1}, new double[] {3});

        // WHEN
        Tensor y = unit(1).forward(x);

        // THEN
        assertArrayEquals(new double[] {-1 / SQRT2, 1 / SQRT2}, y.toArray(), 1e-15);
    }

    @Test
    void batchOfTwoPassesNoInputGradient() {
        // GIVEN batch 2, eps 0: xhat = [-1, 1] whatever x is (as long as the rows differ), so dx = 0.
        // By the formula with dy = [1, 0]: sum dy = 1, sum dy xhat = -1,
        // dx_n = (1/2) (2 dy_n - 1 + xhat_n) = [(2 - 1 - 1)/2, (0 - 1 + 1)/2] = [0, 0]; dgamma = -1, dbeta = 1
        BatchNorm bn = unit(0);
        Tensor x = Tensor.matrix(new double[] {1}, new double[] {3});

        // WHEN
        LayerGradients g = bn.backward(x, bn.forward(x), Tensor.matrix(new double[] {1}, new double[] {0}));

        // THEN
        assertArrayEquals(new double[] {0, 0}, g.input().toArray(), 0);
        assertArrayEquals(new double[] {-1}, g.parameters().get("gamma").toArray(), 0);
        assertArrayEquals(new double[] {1}, g.parameters().get("beta").toArray(), 0);
    }

    @Test
    void fourRowBackwardByHand() {
        // GIVEN x = [0, 1, 1, 2]: mean 1, var 2/4 = 1/2, invstd = sqrt 2, xhat = [-sqrt2, 0, 0, sqrt2];
        // gamma 2, beta 1/2, eps 0, dy = [1, 0, 0, 0]: sum dy = 1, sum dy xhat = -sqrt2,
        // dx_n = (1/4) 2 sqrt2 (4 dy_n - 1 + sqrt2 xhat_n) = (sqrt2/2) [4 - 1 - 2, -1, -1, -1 + 2]
        BatchNorm bn = new BatchNorm(Tensor.vector(2), Tensor.vector(0.5), 0);
        Tensor x = Tensor.matrix(new double[] {0}, new double[] {1}, new double[] {1}, new double[] {2});
        Tensor dy = Tensor.matrix(new double[] {1}, new double[] {0}, new double[] {0}, new double[] {0});

        // WHEN
        Tensor y = bn.forward(x);
        LayerGradients g = bn.backward(x, y, dy);

        // THEN y = 2 xhat + 1/2
        assertArrayEquals(new double[] {0.5 - 2 * SQRT2, 0.5, 0.5, 0.5 + 2 * SQRT2}, y.toArray(), 1e-15);
        double h = SQRT2 / 2;
        assertArrayEquals(new double[] {h, -h, -h, h}, g.input().toArray(), 1e-15);
        assertArrayEquals(new double[] {-SQRT2}, g.parameters().get("gamma").toArray(), 1e-15);
        assertArrayEquals(new double[] {1}, g.parameters().get("beta").toArray(), 0);
    }

    @Test
    void featuresAreNormalisedIndependently() {
        // GIVEN two columns: [1, 3] (mean 2, var 1) and [10, 30] (mean 20, var 100)
        BatchNorm bn = new BatchNorm(Tensor.vector(1, 3), Tensor.vector(0, 1), 0);
        Tensor x = Tensor.matrix(new double[] {1, 10}, new double[] {3, 30});

        // WHEN
        Tensor y = bn.forward(x);

        // THEN column 0: xhat [-1, 1]; column 1: 3 [-1, 1] + 1
        assertArrayEquals(new double[] {-1, -2, 1, 4}, y.toArray(), 0);
    }

    @Test
    void batchOfOneOutputsBeta() {
        // GIVEN a single row: x - mean = 0, so xhat = 0 (epsilon keeps 0/sqrt(eps) finite)
        BatchNorm bn = new BatchNorm(Tensor.vector(2, 3), Tensor.vector(0.25, -1), BatchNorm.DEFAULT_EPSILON);
        Tensor x = Tensor.matrix(new double[] {5, -7});

        // WHEN
        Tensor y = bn.forward(x);
        LayerGradients g = bn.backward(x, y, Tensor.matrix(new double[] {1, 1}));

        // THEN
        assertArrayEquals(new double[] {0.25, -1}, y.toArray(), 0);
        assertArrayEquals(new double[] {0, 0}, g.input().toArray(), 0);
    }

    @Test
    void zeroVarianceWithoutEpsilonIsAnErrorNamingTheFeature() {
        // GIVEN a constant column 1 and eps 0
        BatchNorm bn = new BatchNorm(Tensor.vector(1, 1), Tensor.vector(0, 0), 0);
        Tensor x = Tensor.matrix(new double[] {1, 4}, new double[] {2, 4});

        // WHEN
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(x));

        // THEN
        assertEquals("batch_norm: feature 1 has zero variance and epsilon is 0, so it cannot be normalised", e.getMessage());
    }

    @Test
    void wrongInputWidthIsRejected() {
        // WHEN
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unit(0).forward(Tensor.matrix(new double[] {1, 2})));

        // THEN
        assertEquals("batch_norm expects input [batch, 1], got [1, 2]", e.getMessage());
    }
}
