package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SweepTest {

    @Test
    void theRightArmIsTheClosedFormTruncationError() {
        // GIVEN sin at 0.7, whose central difference is exactly cos(x) sin(h) / h
        ScalarFunction sin = new ScalarFunction(Math::sin, Math::cos, 0.7);
        // WHEN swept
        SweepResult sweep = Sweep.run(sin, "x", new int[] {0});
        // THEN 23 half-decade steps from 1e-1 to 1e-12, the first error is cos(0.7) (1 - sin(0.1) / 0.1)
        assertEquals(23, sweep.points().size());
        assertEquals(0.1, sweep.points().get(0).step(), 1e-15);
        assertEquals(1e-12, sweep.points().get(22).step(), 1e-25);
        assertEquals(Math.cos(0.7) * (1 - Math.sin(0.1) / 0.1), sweep.points().get(0).error(), 1e-12);
        // AND at 1e-2 the error is 100 times smaller (slope 2 per decade), within the h^4 term
        double ratio = sweep.points().get(0).error() / sweep.points().get(2).error();
        assertEquals(100, ratio, 0.1);
    }

    @Test
    void theBottomOfTheVSitsNearTheCubeRootOfEpsilon() {
        // GIVEN sin at 0.7: truncation h^2 cos / 6 meets round-off eps sin / h near h = (3 eps tan 0.7)^(1/3) = 8e-6
        SweepResult sweep = Sweep.run(new ScalarFunction(Math::sin, Math::cos, 0.7), "x", new int[] {0});
        // WHEN the best step is taken
        SweepResult.Point best = sweep.best();
        // THEN it lies within a decade and a half of it, and the tiniest step is far worse (the left arm)
        assertTrue(best.step() >= 3e-7 && best.step() <= 1e-4, String.valueOf(best.step()));
        assertTrue(sweep.points().get(22).error() > 100 * best.error(), sweep.table());
        assertTrue(sweep.plot().contains("1e-12"), sweep.plot());
        assertTrue(sweep.plot().contains("*"), sweep.plot());
    }

    @Test
    void anEntryOfANetworkIsFoundByName() {
        // GIVEN J = sum(y * u) for an affine layer with u = [[1, 2]]: dJ/dW[0, 1] = x[0] * u[1] = 3 * 2 = 6
        NetworkFunction f = NetworkFunction.ofLayer(new Affine(Tensor.matrix(new double[] {1, 2}), Tensor.vector(0, 0)),
                Tensor.matrix(new double[] {3}), Tensor.matrix(new double[] {1, 2}));
        Sweep.Entry entry = Sweep.parseEntry("layers.0.weight[0, 1]");
        // WHEN swept
        SweepResult sweep = Sweep.run(f, entry.variable(), entry.index());
        // THEN the analytic value is 6 and J is linear in W, so every step is accurate to round-off
        assertEquals(6, sweep.analytic(), 0);
        assertTrue(sweep.points().get(0).error() < 1e-12, sweep.table());
    }

    @Test
    void entriesAreParsedAndBadOnesNamed() {
        // GIVEN / WHEN / THEN
        assertEquals(new Sweep.Entry("input", new int[] {1, 2}), Sweep.parseEntry(" input[ 1, 2 ] "));
        assertArrayEquals(new int[0], Sweep.parseEntry("x[]").index());
        assertThrows(IllegalArgumentException.class, () -> Sweep.parseEntry("weight(0)"));
        ScalarFunction sin = new ScalarFunction(Math::sin, Math::cos, 0.7);
        IllegalArgumentException noVariable = assertThrows(IllegalArgumentException.class, () -> Sweep.run(sin, "w", new int[] {0}));
        assertTrue(noVariable.getMessage().contains("[x]"), noVariable.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> Sweep.run(sin, "x", new int[] {1}));
        assertTrue(outside.getMessage().contains("outside"), outside.getMessage());
    }
}
