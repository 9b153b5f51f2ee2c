package io.gradcheck4j.check;

import io.gradcheck4j.report.CheckReport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Measures FAST mode's detection rate over the mutant catalog (prints it; the assertions live elsewhere). */
class MutantDetectionTest {
    @Test
    void measure() {
        int seeds = Integer.getInteger("seeds", 200);
        for (int probes : new int[] {1, 3}) {
            for (Mutants m : Mutants.catalog()) {
                int detected = 0;
                for (int s = 0; s < seeds; s++) {
                    NetworkFunction f = m.build().apply(new SplittableRandom(s));
                    CheckReport r = new GradientChecker(CheckOptions.defaults().withParallelism(1).fast(probes).withSeed(s)).check(f);
                    detected += r.passed() ? 0 : 1;
                }
                System.out.printf("probes=%d %-50s %d/%d%n", probes, m.name(), detected, seeds);
            }
        }
        int falseAlarms = 0;
        for (int s = 0; s < seeds; s++) {
            falseAlarms += new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(Mutants.correct(new SplittableRandom(s))).passed() ? 0 : 1;
        }
        System.out.println("correct full-mode failures: " + falseAlarms + "/" + seeds);
    }
}
