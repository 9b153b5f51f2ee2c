package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.functions.NetworkFunction;
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
 * <ul>
 *   <li>where the probe's stencil straddles a kink (a generated case placed a pre-activation on or next to
 *       one): that probe is non-differentiable and sees nothing;</li>
 *   <li>where FULL's verdict is borderline: its worst failing entry is off by less than
 *       {@value #BORDERLINE} times the rule's bound (a projection spreads such an error over the tensor).</li>
 * </ul>
 * Both are counted and printed; any other disagreement fails the test.
 */
class FastModeDetectionTest {
    private static final int SEEDS = Integer.getInteger("seeds", 40);
    private static final double BORDERLINE = 2;

    @Example
    void oneProbePerTensorFlagsExactlyTheCasesFullModeFlags() {
        List<String> misses = new ArrayList<>();
        int flaggedByFull = 0;
        int flaggedByFast = 0;
        int kinkedProbes = 0;
        int borderline = 0;
        for (Mutant m : Mutants.catalog()) {
            // GIVEN SEEDS random cases with the mutant planted
            RandomGenerator<NetworkCase> cases = m.cases().apply(Networks.mlps()).generator(1000);
            Random random = new Random(m.name().hashCode());
            int full = 0;
            int fast = 0;
            int kinked = 0;
            int marginal = 0;
            for (int s = 0; s < SEEDS; s++) {
                NetworkFunction f = m.plant().apply(cases.next(random).value()).function();
                // WHEN each is checked in FULL mode and in FAST mode with one probe and a seed of its own
                CheckReport fullReport = new GradientChecker(CheckOptions.defaults().withParallelism(1).withMismatchesPerTensor(Integer.MAX_VALUE)).check(f);
                boolean fullFlags = !fullReport.passed();
                CheckReport fastReport = new GradientChecker(CheckOptions.defaults().withParallelism(1).fast(1).withSeed(s)).check(f);
                boolean fastFlags = !fastReport.passed();
                full += fullFlags ? 1 : 0;
                fast += fastFlags ? 1 : 0;
                if (fullFlags != fastFlags && fastReport.nonDifferentiable() > 0) {
                    kinked++;
                } else if (fullFlags && !fastFlags && worstRatio(fullReport) < BORDERLINE) {
                    marginal++;
                } else if (fullFlags != fastFlags) {
                    misses.add(m.name() + " case " + s + ": FULL " + (fullFlags ? "fails" : "passes") + ", FAST "
                            + (fastFlags ? "fails" : "passes") + " on " + f.describe());
                }
            }
            System.out.printf("FAST(1 probe) vs FULL: %-45s FULL flags %4d of %d, FAST flags %4d, disagreements at a kinked probe %d, borderline %d%n",
                    m.name(), full, SEEDS, fast, kinked, marginal);
            flaggedByFull += full;
            flaggedByFast += fast;
            kinkedProbes += kinked;
            borderline += marginal;
        }
        System.out.printf("FAST(1 probe) vs FULL over %d mutants x %d cases: FULL flags %d, FAST flags %d, disagreements at a kinked probe %d, borderline %d%n",
                Mutants.catalog().size(), SEEDS, flaggedByFull, flaggedByFast, kinkedProbes, borderline);
        // THEN they agree on every case whose probes are differentiable, and FULL flags most cases
        assertEquals(List.of(), misses);
        assertTrue(flaggedByFull >= 0.9 * Mutants.catalog().size() * SEEDS, "FULL flags only " + flaggedByFull);
    }

    /** The largest |a - n| / allowed over FULL's failing entries. */
    private static double worstRatio(CheckReport full) {
        return full.mismatches().stream().mapToDouble(m -> m.absError() / m.allowed()).max().orElse(0);
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
