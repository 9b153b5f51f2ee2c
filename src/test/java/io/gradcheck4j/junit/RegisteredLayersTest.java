package io.gradcheck4j.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.contract.TestSoftplus;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The whole layer battery over every registered layer type: a new type is checked the moment it is registered. */
class RegisteredLayersTest {

    @TestFactory
    Stream<DynamicContainer> everyRegisteredLayerTypePassesTheBattery() {
        return LayerTypes.builtIn().all().stream().map(RegisteredLayersTest::battery);
    }

    @Test
    void aTypeRegisteredThroughATestServicesFileIsPickedUp() {
        // GIVEN src/test/resources/META-INF/services/io.gradcheck4j.engine.LayerTypeProvider naming TestLayerTypes
        // WHEN the registry is loaded
        LayerTypes types = LayerTypes.builtIn();

        // THEN its type is there, beside the built-ins, so the battery above covers it
        assertTrue(types.find(TestSoftplus.TYPE).isPresent(), "registered: " + types.names());
        assertTrue(types.find("affine").isPresent());
    }

    private static DynamicContainer battery(LayerType type) {
        return DynamicContainer.dynamicContainer(type.name() + (type.hasKinks() ? " (kinks)" : ""),
                LayerChecks.withDefaults().checks(type, 20261123L).stream()
                        .map(check -> DynamicTest.dynamicTest(check.displayName(), () -> LayerContract.assertPasses(check))));
    }
}
