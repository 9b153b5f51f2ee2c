package io.gradcheck4j.properties;

import static io.gradcheck4j.arbitraries.GradientAssertions.assertGradientsMatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.arbitraries.GradientAssertions;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.Losses;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.LeakyReLU;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Step;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Analytic gradients equal finite differences on random networks built from every registered activation
 * (the built-ins and any type registered later that can sit between affine layers) and every loss: no
 * false alarms. Kinks are generated, not avoided: the generator places a pre-activation on or next to 0 in
 * about a third of the cases, and the entries whose stencil straddles a kink are non-differentiable, never
 * failures.
 */
@GradientProperties
class NetworkGradientProperties {
    private static final int CASES_PER_PAIR = 5;

    @Property(seed = "20261123", tries = 150)
    void analyticGradientsMatchFiniteDifferences(@ForAll NetworkCase c) {
        assertGradientsMatch(c);
    }

    @Property(seed = "20261124", tries = 150)
    void kinkedCasesAreGeneratedAndRaiseNoFalseAlarm(@ForAll("kinked") NetworkCase c) {
        // GIVEN a random network of kinked activations and any loss (some with a pre-activation or a residual
        // y - t placed on or next to 0)
        // WHEN it is checked
        CheckReport report = GradientAssertions.check(c);
        // THEN it passes: entries whose stencil straddles a kink are non-differentiable, not failures
        Statistics.label("a pre-activation exactly 0").collect(hasPreActivationAtZero(c));
        Statistics.label("a residual y - t exactly 0").collect(hasResidualAtZero(c));
        Statistics.label("non-differentiable entries").collect(report.nonDifferentiable() > 0);
        assertTrue(report.passed(), () -> GradientAssertions.describeFailure(c, report));
        Statistics.label("a pre-activation exactly 0").coverage(k -> k.check(true).percentage(p -> p >= 5));
        Statistics.label("a residual y - t exactly 0").coverage(k -> k.check(true).percentage(p -> p >= 2));
        Statistics.label("non-differentiable entries").coverage(k -> k.check(true).percentage(p -> p >= 10));
    }

    @Example
    void aReluInputExactlyOnItsKinkIsNonDifferentiableNotAFailure() {
        // GIVEN affine [1, -1] . [1, 1]^T + 0 = 0 exactly into a ReLU, half squared error against 0.5
        NetworkCase c = new NetworkCase(Network.of(new Affine(Tensor.matrix(new double[] {1}, new double[] {1}), Tensor.vector(0)), new ReLU()),
                Tensor.matrix(new double[] {1, -1}), new HalfSquaredError(), Tensor.matrix(new double[] {0.5}));
        // WHEN it is checked
        CheckReport report = GradientAssertions.check(c);
        // THEN it passes, and all 5 entries (2 inputs, 2 weights, the bias), each moving the ReLU input off 0
        // either way, are non-differentiable because layer 1 (relu) changes branch
        assertTrue(report.passed(), report.toString());
        assertEquals(0, report.failures());
        assertEquals(5, report.nonDifferentiable());
        assertTrue(report.kinks().stream().allMatch(k -> k.message().contains("layer 1 (relu)")), report.kinks().toString());
    }

    @Property(seed = "7", tries = 40)
    void deeperAndWiderNetworksMatchToo(@ForAll("deep") NetworkCase c) {
        assertGradientsMatch(c);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void everyActivationWithEveryLossMatches(@ForAll("activations") String activation, @ForAll("losses") String loss) {
        RandomGenerator<NetworkCase> cases = Networks.mlps().activations(activation).losses(loss).generator(1000);
        Random random = new Random(activation.hashCode() * 31L + loss.hashCode());
        for (int i = 0; i < CASES_PER_PAIR; i++) {
            assertGradientsMatch(cases.next(random).value());
        }
    }

    @Provide
    Arbitrary<String> activations() {
        return Arbitraries.of(Networks.activations());
    }

    @Provide
    Arbitrary<String> losses() {
        return Arbitraries.of(Losses.all().stream().map(Loss::type).toList());
    }

    @Provide
    Arbitrary<NetworkCase> kinked() {
        return Networks.mlps().activations(ReLU.TYPE, LeakyReLU.TYPE, Step.TYPE);
    }

    /** Whether some activation layer receives an exact 0 (read off the network's own trace). */
    private static boolean hasPreActivationAtZero(NetworkCase c) {
        List<Tensor> activations = c.network().trace(c.input()).activations();
        for (int i = 1; i < c.network().layers().size(); i += 2) {
            Tensor z = activations.get(i);
            for (int j = 0; j < z.size(); j++) {
                if (z.get(j) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a regression target equals the network output somewhere (the kink of the l1 loss). */
    private static boolean hasResidualAtZero(NetworkCase c) {
        Tensor y = c.network().forward(c.input());
        if (!y.sameShape(c.target())) {
            return false;
        }
        for (int j = 0; j < y.size(); j++) {
            if (y.get(j) - c.target().get(j) == 0) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<NetworkCase> deep() {
        return Networks.mlps().depth(3, 5).width(4, 8).batch(3, 6);
    }
}
