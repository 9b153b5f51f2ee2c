package io.gradcheck4j.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientAssertions;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Tolerance;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import io.gradcheck4j.arbitraries.GradientProperties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** The checker's power: each wrong backward rule of the catalog is caught on random networks, its correct twin never. */
@GradientProperties
class MutantProperties {
    private static final int CASES = 25;
    private static final double MIN_DETECTION_RATE = 0.9;

    @Example
    void catalogHoldsAtLeastTenDistinctMutants() {
        // GIVEN the catalog
        List<Mutant> catalog = Mutants.catalog();

        // WHEN the names are collected
        HashSet<String> names = new HashSet<>();
        catalog.forEach(m -> names.add(m.name()));

        // THEN there are at least ten, all distinct
        assertTrue(catalog.size() >= 10, "catalog has " + catalog.size() + " mutants");
        assertEquals(catalog.size(), names.size());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void everyMutantIsDetectedOnMostRandomNetworksAndItsTwinOnNone(@ForAll("catalog") Mutant mutant) {
        // GIVEN random cases containing the mutant's layer or loss, drawn from a seed fixed per mutant
        RandomGenerator<NetworkCase> generator = mutant.cases().apply(Networks.mlps()).generator(1000);
        Random random = new Random(mutant.name().hashCode());
        int detected = 0;
        for (int i = 0; i < CASES; i++) {
            NetworkCase c = generator.next(random).value();

            // WHEN the mutant is planted, and its correct twin checked too
            boolean mutantPasses = GradientAssertions.check(mutant.plant().apply(c)).passed();
            boolean twinPasses = GradientAssertions.check(mutant.reference().apply(c)).passed();

            // THEN the twin passes every time and the mutant is flagged nearly every time
            assertTrue(twinPasses, "false alarm on the correct twin of " + mutant.name() + " for " + c);
            detected += mutantPasses ? 0 : 1;
        }
        System.out.printf("mutant %-45s detected on %2d of %d random networks%n", mutant.name(), detected, CASES);
        assertTrue(detected >= MIN_DETECTION_RATE * CASES, mutant.name() + " detected on only " + detected + " of " + CASES + " cases");
    }

    @Property(seed = "31", tries = 120)
    void theCheckerFlagsAMutantExactlyWhenItsGradientIsWrong(@ForAll("plantedCases") Tuple2<Mutant, NetworkCase> sample) {
        // GIVEN a case (perhaps with a pre-activation on or next to a kink) and the same case with a mutant planted
        Mutant mutant = sample.get1();
        NetworkCase c = sample.get2();
        NetworkCase planted = mutant.plant().apply(c);
        Map<String, Tensor> wrong = planted.network().gradients(c.input(), planted.objective());
        Map<String, Tensor> right = mutant.reference().apply(c).network().gradients(c.input(), c.objective());

        // WHEN the planted case is checked, listing every non-differentiable entry
        CheckReport report = new GradientChecker(GradientAssertions.propertyOptions().withMismatchesPerTensor(Integer.MAX_VALUE))
                .check(planted.function());
        boolean flagged = !report.passed();

        // THEN it is flagged when the planted gradient is clearly off the correct one at a differentiable entry
        // (the only entries that can reveal it), and passes when it is clearly within everywhere
        Set<String> kinked = report.kinks().stream().map(k -> entry(k.variable(), k.index())).collect(Collectors.toSet());
        double worst = worstRatio(wrong, right, GradientAssertions.propertyOptions().tolerance(), kinked);
        if (worst > 2) {
            assertTrue(flagged, mutant + " is off by " + worst + " tolerances but passed on " + c);
        }
        if (worst < 0.5) {
            assertFalse(flagged, mutant + " is within tolerance (" + worst + ") but was flagged on " + c);
        }
    }

    @Example
    void plantingChangesTheGradientButNotTheLoss() {
        // GIVEN a tanh network and the tanh mutant that drops dy
        Mutant mutant = Mutants.named("tanh-upstream-gradient-dropped");
        NetworkCase c = mutant.cases().apply(Networks.mlps()).generator(1000).next(new Random(1)).value();

        // WHEN it is planted
        NetworkCase planted = mutant.plant().apply(c);

        // THEN the forward pass and loss are unchanged while the check fails
        assertEquals(c.lossValue(), planted.lossValue());
        assertFalse(GradientAssertions.check(planted).passed());
    }

    @Provide
    Arbitrary<Mutant> catalog() {
        return Arbitraries.of(Mutants.catalog());
    }

    @Provide
    Arbitrary<Tuple2<Mutant, NetworkCase>> plantedCases() {
        return catalog().flatMap(m -> m.cases().apply(Networks.mlps()).map(c -> Tuple.of(m, c)));
    }

    /** The largest |wrong - right| / allowed over the entries not in {@code kinked}. */
    private static double worstRatio(Map<String, Tensor> wrong, Map<String, Tensor> right, Tolerance tolerance, Set<String> kinked) {
        double worst = 0;
        for (var e : right.entrySet()) {
            Tensor w = wrong.get(e.getKey());
            for (int i = 0; i < w.size(); i++) {
                if (kinked.contains(entry(e.getKey(), w.unravel(i)))) {
                    continue;
                }
                double n = e.getValue().get(i);
                worst = Math.max(worst, Math.abs(w.get(i) - n) / tolerance.allowed(w.get(i), n));
            }
        }
        return worst;
    }

    private static String entry(String variable, int[] index) {
        return variable + Arrays.toString(index);
    }
}
