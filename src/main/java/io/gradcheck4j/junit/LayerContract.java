package io.gradcheck4j.junit;

import io.gradcheck4j.contract.BatteryCheck;
import io.gradcheck4j.contract.BatteryResult;
import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.engine.LayerType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract test of a layer type: extend it in your test code, return your type from
 * {@link #layerType()}, and JUnit runs the whole {@link LayerChecks} (gradients against finite
 * differences, shapes, no mutation, re-entrancy, zero upstream, withParameters round trip) on every sample
 * as its own dynamic test.
 *
 * <pre>{@code
 * class SwishContractTest extends LayerContract {
 *     protected LayerType layerType() {
 *         return new LayerClassType(Swish::new, 3, 4);   // or your registered LayerType
 *     }
 * }
 * }</pre>
 */
public abstract class LayerContract {

    /** The layer type under test. */
    protected abstract LayerType layerType();

    /** The seed of the samples and upstream gradients (override to vary). */
    protected long seed() {
        return 20261123L;
    }

    /** The battery to run (override to change the check options). */
    protected LayerChecks battery() {
        return LayerChecks.withDefaults();
    }

    /** One dynamic test per check and sample. */
    @TestFactory
    Stream<DynamicTest> layerContract() {
        LayerType type = layerType();
        return battery().checks(type, seed()).stream()
                .map(check -> DynamicTest.dynamicTest(type.name() + ": " + check.displayName(), () -> assertPasses(check)));
    }

    /** Fails with the check's detail (e.g. the mismatch report) unless it passes. */
    public static void assertPasses(BatteryCheck check) {
        BatteryResult result = check.run();
        if (!result.passed()) {
            Assertions.fail(result.check() + " failed on " + result.sample() + ":\n" + result.detail());
        }
    }
}
