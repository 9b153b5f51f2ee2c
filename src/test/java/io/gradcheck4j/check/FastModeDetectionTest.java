package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.mutants.Mutant;
import io.gradcheck4j.mutants.Mutants;
import io.gradcheck4j.report.CheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Example;

/**
 * FAST mode against FULL mode over the mutant catalog of {@link Mutants}, on SEEDS random cases per mutant
 * (run with {@code -Dseeds=1000} to reproduce the documented figures; the build runs 40). With a single
 * projection probe per tensor (the default is 3), FAST must flag every case FULL flags and no other, except
 * where the probe's stencil straddles a kink (a generated case placed a pre-activation on or next to one):
 * that probe is non-differentiable and sees nothing. Per mutant, FULL's flags are the yardstick: a miss of
 * FAST is a case FULL flags and FAST, without a kinked probe, passes.
 */
class FastModeDetectionTest {
    private static final int SEEDS = Integer.getInteger("seeds", 40);

    @Example
    void oneProbePerTensorFlagsExactlyTheCasesFullModeFlags() {
        List<String> misses = new ArrayList<>();
        int flaggedByFull = 0;
        int flaggedByFast = 0;
        int kinkedProbes = 0;
        for (Mutant m : Mutants.catalog()) {
            // GIVEN SEEDS random cases with the mutant planted
            RandomGenerator<NetworkCase> cases = m.cases().apply(Networks.mlps()).generator(1000);
            Random random = new Random(m.name().hashCode());
            int full = 0;
            int fast = 0;
            int kinked = 0;
            for (int s = 0; s < SEEDS; s++) {
                NetworkFunction f = m.plant().apply(cases.next(random).value()).function();
                // WHEN each is checked in FULL mode and in FAST mode with one probe and a seed of its own
                boolean fullFlags = !new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(f).passed();
                CheckReport fastReport = new GradientChecker(CheckOptions.defaults().withParallelism(1).fast(1).withSeed(s)).check(f);
                boolean fastFlags = !fastReport.passed();
                full += fullFlags ? 1 : 0;
                fast += fastFlags ? 1 : 0;
                if (fullFlags != fastFlags && fastReport.nonDifferentiable() > 0) {
                    kinked++;
                } else if (fullFlags != fastFlags) {
                    misses.add(m.name() + " case " + s + ": FULL " + (fullFlags ? "fails" : "passes") + ", FAST "
                            + (fastFlags ? "fails" : "passes") + " on " + f.describe());
                }
            }
            System.out.printf("FAST(1 probe) vs FULL: %-45s FULL flags %4d of %d, FAST flags %4d, disagreements at a kinked probe %d%n",
                    m.name(), full, SEEDS, fast, kinked);
            flaggedByFull += full;
            flaggedByFast += fast;
            kinkedProbes += kinked;
        }
        System.out.printf("FAST(1 probe) vs FULL over %d mutants x %d cases: FULL flags %d, FAST flags %d, disagreements at a kinked probe %d%n",
                Mutants.catalog().size(), SEEDS, flaggedByFull, flaggedByFast, kinkedProbes);
        // THEN they agree on every case whose probes are differentiable, and FULL flags most cases
        assertEquals(List.of(), misses);
        assertTrue(flaggedByFull >= 0.9 * Mutants.catalog().size() * SEEDS, "FULL flags only " + flaggedByFull);
    }

    @Example
    void fastModeRaisesNoFalseAlarmOnTheCorrectTwins() {
        // GIVEN the correct twin of every mutant on SEEDS / 4 random cases
        List<String> falseAlarms = new ArrayList<>();
        for (Mutant m : Mutants.catalog()) {
            RandomGenerator<NetworkCase> cases = m.cases().apply(Networks.mlps()).generator(1000);
            Random random = new Random(m.name().hashCode());
            for (int s = 0; s < Math.max(1, SEEDS / 4); s++) {
                NetworkFunction f = m.reference().apply(cases.next(random).value()).function();
                // WHEN checked in FAST mode with the default 3 probes
                CheckReport r = new GradientChecker(CheckOptions.defaults().withParallelism(1).withSeed(s)
                        .fast(CheckOptions.DEFAULT_PROBES)).check(f);
                // THEN it always passes
                if (!r.passed()) {
                    falseAlarms.add(m.name() + ": " + f.describe() + " " + r.mismatches());
                }
            }
        }
        assertEquals(List.of(), falseAlarms);
    }
}
