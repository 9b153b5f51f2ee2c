package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.report.CheckReport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FAST mode's detection rate over the mutant catalog with a single projection probe per tensor (the default
 * is 3). Measured with 1,000 seeds per mutant (run with {@code -Dseeds=1000}): 1000/1000 for each of the 11
 * mutants, i.e. a one-probe miss rate below 1e-3 per mutant and, assuming independent probes, below 1e-9 at
 * the default 3; the build runs 100 seeds.
 */
class FastModeDetectionTest {
    private static final int SEEDS = Integer.getInteger("seeds", 100);

    @Test
    void oneProbePerTensorCatchesEveryMutantOfTheCatalog() {
        for (Mutants m : Mutants.catalog()) {
            // GIVEN the mutant on SEEDS random networks
            int detected = 0;
            for (int s = 0; s < SEEDS; s++) {
                NetworkFunction f = m.build().apply(new SplittableRandom(s));
                // WHEN checked in FAST mode with one probe and a seed of its own
                CheckReport r = new GradientChecker(CheckOptions.defaults().withParallelism(1).fast(1).withSeed(s)).check(f);
                detected += r.passed() ? 0 : 1;
            }
            // THEN every one is caught
            assertEquals(SEEDS, detected, m.name());
        }
    }

    @Test
    void fastModeRaisesNoFalseAlarmOnTheCorrectCounterpart() {
        // GIVEN / WHEN the correct network checked in FAST mode with the default 3 probes
        int falseAlarms = 0;
        for (int s = 0; s < SEEDS; s++) {
            falseAlarms += new GradientChecker(CheckOptions.defaults().withParallelism(1).fast(3).withSeed(s))
                    .check(Mutants.correct(new SplittableRandom(s))).passed() ? 0 : 1;
        }
        // THEN it always passes
        assertEquals(0, falseAlarms);
    }
}
