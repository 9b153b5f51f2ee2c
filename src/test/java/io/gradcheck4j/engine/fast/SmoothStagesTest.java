package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.contract.TestSoftplus;
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
        // GIVEN a user's layer that keeps Layer's default branchPattern (softplus), and one that overrides it
        Layer plain = new TestSoftplus();
        Layer kinked = new KinkedIdentity();
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
        assertFalse(SmoothStages.smooth(new KinkedObjective()));
    }

    /** J(y) = |y<sub>0</sub>|, written as a user would, with its branch pattern sign(y<sub>0</sub>). */
    private static final class KinkedObjective implements Objective {
        @Override
        public double value(Tensor y) {
            return Math.abs(y.get(0));
        }

        @Override
        public Tensor gradient(Tensor y) {
            return Tensor.zeros(y.shape()).with(0, Math.signum(y.get(0)));
        }

        @Override
        public String describe() {
            return "user |y0|";
        }

        @Override
        public int[] branchPattern(Tensor y) {
            return new int[] {y.get(0) > 0 ? 1 : 0};
        }
    }

    /** y = x, written as a user would, with a branch pattern of its own (all zeros: asked, whatever it returns). */
    private static final class KinkedIdentity implements Layer {
        @Override
        public String type() {
            return "user-identity";
        }

        @Override
        public int[] branchPattern(Tensor x) {
            return new int[x.size()];
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy);
        }
    }
}
