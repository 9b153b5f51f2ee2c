package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypeProvider;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample of every spatial and sequence layer type, checked against central finite differences
 * through J = &Sigma; y &middot; u with a random upstream u (a vector-Jacobian product).
 */
class SpatialSequenceGradientTest {
    private static final GradientChecker CHECKER = new GradientChecker(CheckOptions.defaults().withParallelism(1));

    static Stream<Arguments> samples() {
        List<Arguments> all = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20261123L);
        for (LayerTypeProvider provider : List.of(new SpatialLayers(), new SequenceLayers())) {
            for (LayerType type : provider.layerTypes()) {
                for (LayerSample sample : type.samples(random)) {
                    all.add(Arguments.of(type.name() + ": " + sample.description(), sample));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void backwardAgreesWithFiniteDifferencesAwayFromKinks(String name, LayerSample sample) {
        // GIVEN a sample and a random upstream gradient of the output's shape
        Layer layer = sample.layer();
        Tensor x = sample.input();
        Tensor y = layer.forward(x);
        Tensor upstream = RandomTensors.uniform(new SplittableRandom(name.hashCode()), -1, 1, y.shape());
        // WHEN the kink-free samples are checked (the tie sample is covered by the kink test below)
        if (!isKinked(layer, x, CheckOptions.DEFAULT_STEP)) {
            CheckReport report = CHECKER.check(NetworkFunction.ofLayer(layer, x, upstream));
            // THEN every entry of the input and of every parameter agrees
            assertTrue(report.passed(), () -> name + ": " + report.mismatches());
            assertEquals(x.size() + layer.parameters().values().stream().mapToInt(Tensor::size).sum(), report.checked());
        }
    }

    @Test
    void maxPoolTieSampleIsTheOnlyKinkedOneAndItsPatternChangesAcrossTheTie() {
        // GIVEN the registered max-pool samples
        List<LayerSample> samples = new SpatialLayers.MaxPoolType().samples(new SplittableRandom(7));
        // WHEN each is perturbed by the checker's step
        List<String> kinked = new ArrayList<>();
        for (LayerSample s : samples) {
            if (isKinked(s.layer(), s.input(), CheckOptions.DEFAULT_STEP)) {
                kinked.add(s.description());
            }
        }
        // THEN only the tie sample straddles a kink
        assertEquals(List.of("tie for the maximum in the window (kink)"), kinked);
    }

    @Test
    void everyTypeIsRegisteredThroughTheServiceFile() {
        // GIVEN the service registry
        LayerTypes types = LayerTypes.builtIn();
        // WHEN / THEN every type of both providers is found, embedding flagged as integer input
        for (String name : List.of("conv2d", "max_pool2d", "avg_pool2d", "flatten", "embedding", "rnn", "lstm", "self_attention")) {
            assertTrue(types.find(name).isPresent(), name);
        }
        assertTrue(types.find("embedding").orElseThrow().integerInput());
        assertFalse(types.find("conv2d").orElseThrow().integerInput());
        assertTrue(types.find("max_pool2d").orElseThrow().hasKinks());
    }

    /** Whether some coordinate's perturbation by &plusmn;h changes the branch pattern. */
    private static boolean isKinked(Layer layer, Tensor x, double step) {
        for (int i = 0; i < x.size(); i++) {
            double h = step * Math.max(Math.abs(x.get(i)), 1);
            int[] plus = layer.branchPattern(x.with(i, x.get(i) + h));
            int[] minus = layer.branchPattern(x.with(i, x.get(i) - h));
            if (!Arrays.equals(plus, minus)) {
                return true;
            }
        }
        return false;
    }
}
