package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.LeakyReLU;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.L1Loss;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmoothStagesTest {

    @Test
    void layersWhosePatternIsEmptyEverywhereAreSmoothAndPiecewiseOnesAreNot() {
        // GIVEN / WHEN / THEN an affine layer (Layer's default pattern), a sigmoid and a leaky ReLU of slope 1 (x
        // itself) are smooth; a ReLU and a leaky ReLU of slope 0.1 report their branches
        assertTrue(SmoothStages.smooth(new Affine(Tensor.zeros(2, 3), Tensor.zeros(3))));
        assertTrue(SmoothStages.smooth(new Sigmoid()));
        assertTrue(SmoothStages.smooth(new LeakyReLU(1.0)));
        assertFalse(SmoothStages.smooth(new ReLU()));
        assertFalse(SmoothStages.smooth(new LeakyReLU(0.1)));
    }

    @Test
    void aUsersLayerIsSmoothOnlyWhenItKeepsTheDefaultPattern() {
        // GIVEN a user's layer that keeps Layer's default branchPattern, and one that overrides it
        Layer plain = new UserIdentity();
        Layer kinked = new UserIdentity() {
            @Override
            public int[] branchPattern(Tensor x) {
                return new int[x.size()];
            }
        };
        // WHEN / THEN only the first is smooth: the override is asked at every evaluation, whatever it returns
        assertTrue(SmoothStages.smooth(plain));
        assertFalse(SmoothStages.smooth(kinked));
    }

    @Test
    void objectivesAreSmoothUnlessTheirLossOrThemselvesHaveAPattern() {
        // GIVEN / WHEN / THEN a half squared error and an upstream gradient are smooth; an L1 loss (sign(y - t)) and
        // a user's objective that overrides branchPattern are not
        Tensor t = Tensor.zeros(2, 2);
        assertTrue(SmoothStages.smooth(Objective.loss(new HalfSquaredError(), t)));
        assertTrue(SmoothStages.smooth(Objective.upstream(t)));
        assertFalse(SmoothStages.smooth(Objective.loss(new L1Loss(), t)));
        Objective kinked = new Objective() {
            @Override
            public double value(Tensor y) {
                return y.get(0);
            }

            @Override
            public Tensor gradient(Tensor y) {
                return y;
            }

            @Override
            public String describe() {
                return "user";
            }

            @Override
            public int[] branchPattern(Tensor y) {
                return new int[] {y.get(0) > 0 ? 1 : 0};
            }
        };
        assertFalse(SmoothStages.smooth(kinked));
    }

    /** y = x, written as a user would: no speed paths, Layer's default branch pattern. */
    private static class UserIdentity implements Layer {
        @Override
        public String type() {
            return "user-identity";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy);
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of();
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replaced) {
            return this;
        }
    }
}
