package io.gradcheck4j.properties;

import static io.gradcheck4j.arbitraries.GradientAssertions.assertGradientsMatch;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.Losses;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Analytic gradients equal finite differences on random networks built from every registered activation
 * (the built-ins and any type registered later that can sit between affine layers) and every loss: no
 * false alarms. Kinked activations are kept 1e-3 away from their kinks by the generator.
 */
@GradientProperties
class NetworkGradientProperties {
    private static final int CASES_PER_PAIR = 5;

    @Property(seed = "20261123", tries = 150)
    void analyticGradientsMatchFiniteDifferences(@ForAll NetworkCase c) {
        assertGradientsMatch(c);
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
    Arbitrary<NetworkCase> deep() {
        return Networks.mlps().depth(3, 5).width(4, 8).batch(3, 6);
    }
}
