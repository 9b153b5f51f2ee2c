package io.gradcheck4j.arbitraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated cases respect the binary cross-entropies' domains: probabilities in (0, 1), targets in [0, 1]. */
@GradientProperties
class BinaryCrossEntropyCasesProperties {

    @Property(seed = "41", tries = 40)
    void probabilityLossesGetSigmoidOutputsAwayFromZeroAndOne(@ForAll("probabilityCases") NetworkCase c) {
        // GIVEN a case for binary_cross_entropy built from identity/relu blocks
        List<Layer> layers = c.network().layers();

        // WHEN
        Tensor p = c.network().forward(c.input());

        // THEN the last activation is a sigmoid and every output and target lies in the loss's domain
        assertEquals(Sigmoid.TYPE, layers.get(layers.size() - 1).type());
        for (int i = 0; i < p.size(); i++) {
            assertTrue(p.get(i) > 1e-6 && p.get(i) < 1 - 1e-6, "p = " + p.get(i));
            assertTrue(c.target().get(i) >= 0 && c.target().get(i) <= 1, "t = " + c.target().get(i));
        }
        c.loss().validateTarget(p.shape(), c.target());
    }

    @Property(seed = "42", tries = 40)
    void logitLossesKeepTheConfiguredActivationsAndGetProbabilityTargets(@ForAll("logitCases") NetworkCase c) {
        // GIVEN a case for binary_cross_entropy_with_logits built from identity blocks
        List<Layer> layers = c.network().layers();

        // WHEN / THEN logits are unrestricted (no sigmoid added) but the targets are probabilities
        assertEquals("identity", layers.get(layers.size() - 1).type());
        for (int i = 0; i < c.target().size(); i++) {
            assertTrue(c.target().get(i) >= 0 && c.target().get(i) <= 1, "t = " + c.target().get(i));
        }
    }

    @Provide
    Arbitrary<NetworkCase> probabilityCases() {
        return Networks.mlps().activations("identity", "relu").losses("binary_cross_entropy").depth(1, 3);
    }

    @Provide
    Arbitrary<NetworkCase> logitCases() {
        return Networks.mlps().activations("identity").losses("binary_cross_entropy_with_logits");
    }
}
