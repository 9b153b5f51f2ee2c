package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The dense layer zoo's registration, fixture construction and finite-difference agreement on its samples. */
class DenseLayersTest {
    private static final List<String> NAMES = List.of("softmax", "log_softmax", "leaky_relu", "elu", "gelu", "softplus",
            "dropout", "batch_norm", "layer_norm");

    private static LayerType type(String name) {
        return LayerTypes.builtIn().find(name).orElseThrow();
    }

    @Test
    void everyTypeIsRegisteredThroughTheServiceLoader() {
        // WHEN
        List<String> registered = LayerTypes.builtIn().names();

        // THEN
        for (String name : NAMES) {
            assertTrue(registered.contains(name), name + " in " + registered);
        }
    }

    @TestFactory
    Stream<DynamicTest> analyticGradientsMatchCentralDifferencesOnEverySample() {
        // GIVEN every sample of every dense type, with a random upstream gradient dy
        SplittableRandom random = new SplittableRandom(5);
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(1));
        List<DynamicTest> tests = new ArrayList<>();
        for (LayerType type : new DenseLayers().layerTypes()) {
            for (LayerSample sample : type.samples(random)) {
                Tensor upstream = RandomTensors.uniform(random, -1, 1, sample.layer().forward(sample.input()).shape());
                tests.add(DynamicTest.dynamicTest(type.name() + ": " + sample.description(), () -> {
                    // WHEN
                    CheckReport report = checker.check(NetworkFunction.ofLayer(sample.layer(), sample.input(), upstream));

                    // THEN
                    assertEquals(type.name(), sample.layer().type());
                    assertTrue(report.passed(), report.toString());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void samplesOfKinkedTypesStayOffTheirKinks() {
        // GIVEN a step far larger than the checker's (6e-6 relative)
        SplittableRandom random = new SplittableRandom(6);
        for (LayerType type : new DenseLayers().layerTypes()) {
            for (LayerSample sample : type.samples(random)) {
                Layer layer = sample.layer();
                Tensor x = sample.input();

                // WHEN / THEN the branch pattern does not change within +-1e-3 of the sample
                assertArrayEquals(layer.branchPattern(x), layer.branchPattern(x.map(v -> v + 1e-3)), type.name() + ": " + sample.description());
                assertArrayEquals(layer.branchPattern(x), layer.branchPattern(x.map(v -> v - 1e-3)), type.name() + ": " + sample.description());
            }
        }
    }

    @Test
    void parametersAndOptionsRebuildTheSameLayerThroughJson() {
        // GIVEN every sample, its options written to JSON and read back as a fixture loader does
        ObjectMapper json = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(7);
        for (LayerType type : new DenseLayers().layerTypes()) {
            for (LayerSample sample : type.samples(random)) {
                Layer layer = sample.layer();
                @SuppressWarnings("unchecked")
                Map<String, Object> options = json.convertValue(json.valueToTree(layer.options()), Map.class);

                // WHEN
                Layer rebuilt = type.create(layer.parameters(), options);

                // THEN
                String what = type.name() + ": " + sample.description();
                assertEquals(layer.options(), rebuilt.options(), what);
                assertEquals(layer.forward(sample.input()), rebuilt.forward(sample.input()), what);
            }
        }
    }

    @Test
    void optionsReachTheLayers() {
        // WHEN
        Layer leaky = type("leaky_relu").create(Map.of(), Map.of("slope", 0.2));
        Layer elu = type("elu").create(Map.of(), Map.of("alpha", 2));
        Layer dropout = type("dropout").create(Map.of(), Map.of("rate", 0.25, "seed", 17L));
        Layer bn = type("batch_norm").create(Map.of("gamma", Tensor.vector(1), "beta", Tensor.vector(0)), Map.of("epsilon", 0));

        // THEN
        assertEquals(0.2, assertInstanceOf(LeakyReLU.class, leaky).slope());
        assertEquals(2.0, assertInstanceOf(ELU.class, elu).alpha());
        assertEquals(0.25, assertInstanceOf(Dropout.class, dropout).rate());
        assertEquals(17L, ((Dropout) dropout).seed());
        assertEquals(0.0, assertInstanceOf(BatchNorm.class, bn).epsilon());
    }

    @Test
    void defaultsApplyWhenOptionsAreAbsent() {
        // WHEN
        LeakyReLU leaky = (LeakyReLU) type("leaky_relu").create(Map.of(), Map.of());
        ELU elu = (ELU) type("elu").create(Map.of(), Map.of());
        LayerNorm ln = (LayerNorm) type("layer_norm").create(Map.of("gamma", Tensor.vector(1, 1), "beta", Tensor.vector(0, 0)), Map.of());

        // THEN
        assertEquals(0.01, leaky.slope());
        assertEquals(1.0, elu.alpha());
        assertEquals(1e-5, ln.epsilon());
    }

    @Test
    void badOptionsAndParametersAreNamed() {
        // WHEN / THEN
        assertEquals("dropout needs option 'seed' (an integer)",
                message(() -> type("dropout").create(Map.of(), Map.of("rate", 0.5))));
        assertEquals("dropout option 'seed' must be an integer that fits 64 bits, got 1.5",
                message(() -> type("dropout").create(Map.of(), Map.of("seed", 1.5))));
        assertEquals("leaky_relu option 'slope' must be a number, got \"steep\"",
                message(() -> type("leaky_relu").create(Map.of(), Map.of("slope", "steep"))));
        assertEquals("elu has no option 'slope' (it takes alpha)",
                message(() -> type("elu").create(Map.of(), Map.of("slope", 1))));
        assertEquals("gelu has no option 'approximate' (it takes none)",
                message(() -> type("gelu").create(Map.of(), Map.of("approximate", "tanh"))));
        assertEquals("batch_norm needs parameter 'beta'",
                message(() -> type("batch_norm").create(Map.of("gamma", Tensor.vector(1)), Map.of())));
        assertEquals("layer_norm parameter 'beta' must have shape [2] like 'gamma', got [3]",
                message(() -> type("layer_norm").create(Map.of("gamma", Tensor.vector(1, 1), "beta", Tensor.vector(0, 0, 0)), Map.of())));
        assertEquals("batch_norm option 'epsilon' must be a finite number >= 0, got -1.0",
                message(() -> type("batch_norm").create(Map.of("gamma", Tensor.vector(1), "beta", Tensor.vector(0)), Map.of("epsilon", -1))));
        assertEquals("softmax has no parameter 'weight' (it takes none)",
                message(() -> type("softmax").create(Map.of("weight", Tensor.vector(1)), Map.of())));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
