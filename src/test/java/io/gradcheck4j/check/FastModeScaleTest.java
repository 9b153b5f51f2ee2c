package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Identity;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FAST mode on tensors of 1e4 and 1e5 entries (larger sizes with {@code -Dgradcheck4j.scale=N}, e.g. 1000000,
 * 2500000 or 10000000): a correct identity on a constant input of 0.123456789012345678 (upstream all ones: every
 * gradient entry is 1) and a correct affine layer x W + b (W of n x 1: d/dx = W<sup>T</sup>, d/dW = x<sup>T</sup>)
 * pass, with no kink; a backward 1% or 0.01% too large fails (1% too large: the bisection names entries that each
 * fail); a single wrong entry is named by bisecting the failing probe rather than by re-checking every entry.
 */
class FastModeScaleTest {
    private static final double CONSTANT = 0.123456789012345678;

    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000})
    void correctIdentityAndAffinePassWithoutKinks(int n) {
        // GIVEN a correct identity and a correct affine layer on n entries
        for (Differentiable f : List.of(identity(n), affine(n))) {
            // WHEN checked in FAST mode with the default 3 probes
            CheckReport report = fast().check(f);
            // THEN they pass, no probe straddles a kink and none needed a re-check
            assertTrue(report.passed(), f.describe() + ": " + report);
            assertEquals(0, report.nonDifferentiable(), f.describe());
            report.tensors().forEach(t -> assertEquals("fast: 3 probes", t.method(), f.describe()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000})
    void aBackwardOnePercentOrOneInTenThousandTooLargeFails(int n) {
        for (double error : new double[] {1e-2, 1e-4}) {
            // GIVEN the identity and the affine layer with the input gradient scaled by 1 + error
            for (NetworkFunction correct : List.of(identity(n), affine(n))) {
                Differentiable f = planted(correct, g -> g.scale(1 + error), " with dx off by " + error);
                // WHEN checked in FAST mode
                CheckReport report = fast().check(f);
                // THEN it fails
                assertFalse(report.passed(), f.describe());
                if (error == 1e-2) {
                    // AND, every entry being 1% off, the bisection reaches entries that each fail alone
                    assertNamesWrongEntries(report.tensors().get(0), f.describe());
                }
            }
        }
    }

    @Test
    void aSingleWrongEntryOfALargeTensorIsNamedByBisection() {
        // GIVEN the identity on 100,000 entries whose input gradient is 2 instead of 1 at entry 61,234
        int n = 100_000;
        int wrong = 61_234;
        Differentiable f = planted(identity(n), g -> {
            double[] a = g.toArray();
            a[wrong] = 2;
            return Tensor.of(a, g.shape());
        }, " with dx[" + wrong + "] = 2");
        // WHEN checked in FAST mode
        CheckReport report = fast().check(f);
        // THEN it fails, naming that entry, found by bisection (not by re-checking all entries)
        assertFalse(report.passed());
        TensorReport input = report.tensors().get(0);
        assertArrayEquals(new int[] {0, wrong}, input.worstIndex());
        assertTrue(input.method().contains("bisected"), input.method());
        assertTrue(input.checked() <= SegmentSearch.WIDTH * SegmentSearch.LEAF, "entries re-checked: " + input.checked());
    }

    @Test
    @EnabledIfSystemProperty(named = "gradcheck4j.scale", matches = "\\d+")
    void atTheRequestedScaleCorrectLayersPassAndAOnePercentErrorFails() {
        int n = Integer.getInteger("gradcheck4j.scale");
        // GIVEN a correct identity and a correct affine layer on n entries, and each with dx 1% too large
        for (NetworkFunction correct : List.of(identity(n), affine(n))) {
            // WHEN checked in FAST mode
            CheckReport passing = fast().check(correct);
            CheckReport failing = fast().check(planted(correct, g -> g.scale(1.01), " with dx off by 1%"));
            System.out.printf("FAST at %d entries: %s %s, planted 1%% %s%n", n, correct.describe(),
                    passing.passed() ? "passes" : "does not pass", failing.passed() ? "passes" : "fails");
            // THEN the correct one passes with no kink, the wrong one fails, naming entries that each fail alone
            assertTrue(passing.passed(), correct.describe() + ": " + passing);
            assertEquals(0, passing.nonDifferentiable());
            assertFalse(failing.passed(), correct.describe());
            assertNamesWrongEntries(failing.tensors().get(0), correct.describe());
        }
    }

    /** The report of a tensor whose every entry is wrong names entries found by bisection, each of which fails. */
    private static void assertNamesWrongEntries(TensorReport report, String what) {
        assertTrue(report.method().contains("bisected"), what + ": " + report.method());
        assertTrue(report.checked() > 0 && report.checked() <= SegmentSearch.WIDTH * SegmentSearch.LEAF, what + ": " + report.checked());
        assertEquals(report.checked(), report.failures(), what + ": " + report.method());
    }

    private static GradientChecker fast() {
        return new GradientChecker(CheckOptions.defaults().fast(3).withSeed(7));
    }

    /** identity(x) with J = &Sigma; y, x = [1, n] of the constant: dJ/dx = 1 everywhere. */
    private static NetworkFunction identity(int n) {
        return new NetworkFunction(Network.of(new Identity()), Tensor.filled(CONSTANT, 1, n), Objective.upstream(Tensor.filled(1.0, 1, n)));
    }

    /** x W + b with x of [1, n], W of [n, 1] uniform on [-1, 1], J = the single output. */
    private static NetworkFunction affine(int n) {
        SplittableRandom r = new SplittableRandom(n);
        return new NetworkFunction(Network.of(new Affine(RandomTensors.uniform(r, -1, 1, n, 1), RandomTensors.uniform(r, -1, 1, 1))),
                RandomTensors.uniform(r, -1, 1, 1, n), Objective.upstream(Tensor.filled(1.0, 1, 1)));
    }

    /** {@code f} with its input gradient replaced by {@code wrong} of it, and only the input checked. */
    private static Differentiable planted(NetworkFunction f, UnaryOperator<Tensor> wrong, String what) {
        return PlantedGradient.of(f, Network.INPUT, wrong, what);
    }
}
