package io.gradcheck4j.arbitraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration of the network arbitraries: clear errors, discovered activations. */
class NetworksTest {

    @Test
    void activationsAreTheRegisteredShapeKeepingParameterFreeTypesIdentityFirst() {
        // GIVEN the registry (built-ins plus the test-only softplus)
        // WHEN the usable activations are listed
        List<String> activations = Networks.activations();

        // THEN identity leads, affine (parameters) is absent, and the registered test type is included
        assertEquals("identity", activations.get(0));
        assertTrue(activations.containsAll(List.of("sigmoid", "tanh", "relu", "step", "test_softplus")), activations.toString());
        assertTrue(!activations.contains("affine"));
    }

    @Test
    void anUnknownOrUnsuitableActivationIsRejectedByName() {
        // GIVEN the default arbitrary
        MlpArbitrary mlps = Networks.mlps();

        // WHEN activations are set to an unknown type and to affine
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> mlps.activations("swish"));
        IllegalArgumentException affine = assertThrows(IllegalArgumentException.class, () -> mlps.activations("affine"));

        // THEN the errors name the type and the reason
        assertTrue(unknown.getMessage().contains("no layer type named 'swish'"), unknown.getMessage());
        assertTrue(affine.getMessage().contains("'affine' cannot be an activation"), affine.getMessage());
    }

    @Test
    void invalidRangesAndLossesAreRejected() {
        MlpArbitrary mlps = Networks.mlps();
        assertThrows(IllegalArgumentException.class, () -> mlps.depth(0, 2));
        assertThrows(IllegalArgumentException.class, () -> mlps.width(3, 2));
        assertThrows(IllegalArgumentException.class, () -> mlps.losses("hinge"));
        assertThrows(IllegalArgumentException.class, () -> Tensors.of(2, 3).between(1, -1));
    }
}
