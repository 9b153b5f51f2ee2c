package io.gradcheck4j.properties;

import static io.gradcheck4j.arbitraries.GradientAssertions.assertGradientsMatch;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Analytic gradients equal finite differences on random networks built from every activation and loss. */
@GradientProperties
class NetworkGradientProperties {

    @Property(seed = "20261123", tries = 150)
    void analyticGradientsMatchFiniteDifferences(@ForAll NetworkCase c) {
        assertGradientsMatch(c);
    }

    @Property(seed = "7", tries = 40)
    void deeperAndWiderNetworksMatchToo(@ForAll("deep") NetworkCase c) {
        assertGradientsMatch(c);
    }

    @Provide
    Arbitrary<NetworkCase> deep() {
        return Networks.mlps().depth(3, 5).width(4, 8).batch(3, 6);
    }
}
