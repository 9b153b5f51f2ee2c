package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How small an error each rule notices: an affine 64 -> 64 + tanh network (batch 4, half squared error) whose
 * analytic weight gradient is wrong by a relative 100%, 1% or 0.01% on one random entry of the 4,096, checked
 * in FAST mode with a single probe, over SEEDS random cases (run with {@code -Dseeds=300} to reproduce the
 * README table; the build runs 60). The counts are printed.
 */
class RulePowerTest {
    private static final int SEEDS = Integer.getInteger("seeds", 60);

    @Test
    void theErrorAwareRuleNoticesErrorsThePytorchRuleMisses() {
        Map<Double, int[]> noticed = new LinkedHashMap<>();
        for (double error : new double[] {1, 1e-2, 1e-4}) {
            int errorAware = 0;
            int pytorch = 0;
            for (int s = 0; s < SEEDS; s++) {
                // GIVEN a random network with one wrong weight-gradient entry
                Differentiable f = oneWrongEntry(s, error);
                // WHEN checked with one probe by each rule
                CheckOptions fast = CheckOptions.defaults().withParallelism(1).fast(1).withSeed(s);
                errorAware += new GradientChecker(fast).check(f).passed() ? 0 : 1;
                pytorch += new GradientChecker(fast.withTolerance(Tolerance.pytorchDefault())).check(f).passed() ? 0 : 1;
            }
            noticed.put(error, new int[] {errorAware, pytorch});
            System.out.printf("one weight-gradient entry off by %.2f%%: error-aware notices %d of %d, PyTorch's rule %d%n",
                    100 * error, errorAware, SEEDS, pytorch);
        }
        // THEN the error-aware rule notices every 100% error and nearly every 1% one, PyTorch's rule few of the 1% ones
        assertEquals(SEEDS, noticed.get(1.0)[0]);
        assertTrue(noticed.get(1e-2)[0] >= 0.9 * SEEDS, "error-aware at 1%: " + noticed.get(1e-2)[0]);
        assertTrue(noticed.get(1e-2)[1] <= 0.2 * SEEDS, "pytorch at 1%: " + noticed.get(1e-2)[1]);
        // AND at every size it notices at least as many
        noticed.values().forEach(counts -> assertTrue(counts[0] >= counts[1], counts[0] + " < " + counts[1]));
    }

    /** Case {@code seed}: the network's analytic weight gradient, one random entry scaled by (1 + error); only the weight is checked. */
    private static Differentiable oneWrongEntry(long seed, double error) {
        SplittableRandom r = new SplittableRandom(seed);
        NetworkFunction f = new NetworkFunction(
                Network.of(new Affine(RandomTensors.uniform(r, -1, 1, 64, 64), RandomTensors.uniform(r, -1, 1, 64)), new Tanh()),
                RandomTensors.uniform(r, -1, 1, 4, 64), Objective.loss(new HalfSquaredError(), RandomTensors.uniform(r, -1, 1, 4, 64)));
        String weight = Network.parameterName(0, Affine.WEIGHT);
        int wrong = r.nextInt(64 * 64);
        return PlantedGradient.of(f, weight, g -> {
            double[] w = g.toArray();
            w[wrong] *= 1 + error;
            return Tensor.of(w, 64, 64);
        }, " with d/dW[" + wrong + "] off by " + error);
    }
}
