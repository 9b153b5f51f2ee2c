package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LayerBatteryTest {

    @Test
    void everyBuiltInSamplePassesAndTheRunIsReproducible() {
        // GIVEN the built-in layer types
        LayerBattery battery = new LayerBattery(GradientChecker.withDefaults(), LayerTypes.builtIn().all());
        // WHEN run twice with the same seed
        List<CaseResult> first = battery.run(42);
        List<CaseResult> second = battery.run(42);
        // THEN every sample passes, every type is covered, and the results are identical
        assertTrue(first.stream().allMatch(CaseResult::passed), first.toString());
        for (LayerType type : LayerTypes.builtIn().all()) {
            assertTrue(first.stream().anyMatch(c -> c.name().equals(type.name() + " #1")), type.name());
        }
        assertEquals(first, second);
    }

    @Test
    void wrongAndThrowingLayersAreReportedNotThrown() {
        // GIVEN a type whose first sample has a backward off by the factor 2 and whose second throws
        LayerType broken = new LayerType() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public boolean hasKinks() {
                return false;
            }

            @Override
            public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<LayerSample> samples(RandomGenerator random) {
                Tensor x = Tensor.matrix(new double[] {1, 2});
                return List.of(new LayerSample("wrong", new Halving(false), x), new LayerSample("throws", new Halving(true), x));
            }
        };
        // WHEN
        List<CaseResult> results = new LayerBattery(GradientChecker.withDefaults(), List.of(broken)).run(1);
        // THEN
        assertEquals(2, results.size());
        assertFalse(results.get(0).passed());
        assertNull(results.get(0).error());
        assertEquals(2, results.get(0).check().failures());
        assertFalse(results.get(1).passed());
        assertTrue(results.get(1).error().contains("halving exploded"), results.get(1).error());
    }

    /** y = x / 2 with a backward returning dy (should be dy / 2), or throwing. */
    private record Halving(boolean throwing) implements Layer {
        @Override
        public String type() {
            return "halving";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.scale(0.5);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            if (throwing) {
                throw new IllegalStateException("halving exploded");
            }
            return LayerGradients.ofInput(dy);
        }
    }
}
