package io.gradcheck4j.properties;

import io.gradcheck4j.contract.BatteryCheck;
import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.junit.LayerContract;
import io.gradcheck4j.arbitraries.GradientProperties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every registered layer type (built-ins and anything registered later) passes the whole battery, input
 * and parameter gradients included, on the random shapes and values its samples draw from a random stream
 * (a {@link ReplayedRandom}, so a failure shrinks to the first type and the smallest stream that still fails).
 */
@GradientProperties
class LayerTypeProperties {

    @Property(seed = "3", tries = 80)
    void everyRegisteredTypePassesTheBatteryOnRandomSamples(@ForAll("types") LayerType type, @ForAll("streams") ReplayedRandom random) {
        for (BatteryCheck check : LayerChecks.withDefaults().checks(type, random)) {
            LayerContract.assertPasses(check);
        }
    }

    @Provide
    Arbitrary<LayerType> types() {
        return Arbitraries.of(LayerTypes.builtIn().all());
    }

    @Provide
    Arbitrary<ReplayedRandom> streams() {
        return ReplayedRandom.arbitrary();
    }
}
