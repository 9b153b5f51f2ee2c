package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.mutants.Mutants;
import io.gradcheck4j.report.CheckReport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A FULL check runs its tensors side by side on the worker pool when f is thread-safe ({@link Scheduling#pool}),
 * each tensor's entries in chunks on the same pool: the report is the one-thread report, field by field
 * (verdicts, counts, worst entries, listed mismatches, findings in order), on random correct networks and on
 * random networks with a wrong backward rule planted.
 */
@GradientProperties
class ConcurrentTensorsProperties {

    @Property(tries = 40, seed = "20261202")
    void aFullCheckOnSeveralThreadsReportsWhatOneThreadReports(@ForAll("cases") NetworkCase c, @ForAll @IntRange(min = 2, max = 4) int threads) {
        // GIVEN a network, correct or with a planted wrong rule, and its full check on one thread
        CheckReport one = new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(c.function());
        // WHEN it is checked on several threads, the tensors side by side
        CheckReport several = new GradientChecker(CheckOptions.defaults().withParallelism(threads)).check(c.function());
        // THEN the reports are equal
        assertEquals(one, several);
    }

    @Provide
    Arbitrary<NetworkCase> cases() {
        Arbitrary<NetworkCase> planted = Arbitraries.of(Mutants.catalog()).flatMap(m -> m.cases().apply(Networks.mlps()).map(m.plant()));
        return Arbitraries.oneOf(Networks.mlps(), planted);
    }
}
