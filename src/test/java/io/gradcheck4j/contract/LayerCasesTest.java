package io.gradcheck4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.engine.layers.Embedding;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.JsonReport;
import io.gradcheck4j.report.RunReport;
import io.gradcheck4j.report.TextReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The layer contract as cases of a run ({@link LayerChecks#cases}): what the CLI's main job reports per sample. */
class LayerCasesTest {

    private static List<CaseResult> cases(List<LayerType> types, long seed) {
        LayerChecks battery = new LayerChecks(GradientChecker.withDefaults());
        List<CaseResult> cases = new ArrayList<>();
        types.forEach(type -> cases.addAll(battery.cases(type, seed)));
        return cases;
    }

    @Test
    void everyBuiltInSamplePassesAndTheRunIsReproducible() {
        // GIVEN the built-in layer types
        List<LayerType> types = LayerTypes.builtIn().all();
        // WHEN run twice with the same seed
        List<CaseResult> first = cases(types, 42);
        List<CaseResult> second = cases(types, 42);
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
        Tensor x = Tensor.matrix(new double[] {1, 2});
        LayerType broken = type("halving", false, false, new LayerSample("wrong", new Halving(false), x),
                new LayerSample("throws", new Halving(true), x));
        // WHEN
        List<CaseResult> results = cases(List.of(broken), 1);
        // THEN the wrong one is checked and fails on both entries, nothing else being violated
        assertEquals(2, results.size());
        assertEquals(List.of("halving #1", "halving #2"), results.stream().map(CaseResult::name).toList());
        assertFalse(results.get(0).passed());
        assertNull(results.get(0).error());
        assertEquals(2, results.get(0).check().failures());
        assertEquals(List.of(), results.get(0).violations());
        // AND the throwing one could not be checked, naming the exception
        assertFalse(results.get(1).passed());
        assertTrue(results.get(1).error().contains("halving exploded"), results.get(1).error());
    }

    @Test
    void aSampleOnAKinkIsCheckedWithTheKinkedEntryReportedNonDifferentiable() {
        // GIVEN ReLU at x = [[0.7, 0]]: the second entry sits on the kink (analytic 0, central difference 1/2)
        LayerSample onKink = new LayerSample("relu at 0", new ReLU(), Tensor.matrix(new double[] {0.7, 0}));
        // WHEN the type declares its kinks, and when it does not
        CaseResult declared = cases(List.of(type("relu", true, false, onKink)), 1).get(0);
        CaseResult undeclared = cases(List.of(type("relu", false, false, onKink)), 1).get(0);
        // THEN both are checked: the checker's kink detection reports [0, 1] as non-differentiable (the ReLU's
        // branch pattern changes) instead of failing, and [0, 0] passes
        for (CaseResult result : List.of(declared, undeclared)) {
            assertTrue(result.passed());
            assertEquals(0, result.check().failures());
            assertEquals(1, result.check().nonDifferentiable());
            assertEquals(1, result.check().checked() - result.check().nonDifferentiable());
        }
        assertEquals(List.of(0, 1), Arrays.stream(undeclared.check().kinks().get(0).index()).boxed().toList());
    }

    @Test
    void integerInputTypesAreCheckedOnTheirParametersOnly() {
        // GIVEN an embedding of vocabulary 3 and dimension 2 looking up tokens [[2, 0]]
        Layer embedding = new Embedding(Tensor.matrix(new double[] {0.1, 0.2}, new double[] {0.3, 0.4}, new double[] {0.5, 0.6}));
        LayerSample sample = new LayerSample("tokens", embedding, Tensor.matrix(new double[] {2, 0}));
        // WHEN
        CaseResult result = cases(List.of(type("embedding", false, true, sample)), 1).get(0);
        // THEN only the weight (3 x 2 = 6 entries) is checked
        assertTrue(result.passed(), result.problems().toString());
        assertEquals(List.of("layers.0.weight"), result.check().tensors().stream().map(t -> t.variable()).toList());
        assertEquals(6, result.check().checked());
        // AND the contract's gradient check agrees: 6 entries match
        BatteryResult gradients = LayerChecks.withDefaults().run(type("embedding", false, true, sample), 1).get(0);
        assertEquals(LayerChecks.GRADIENTS, gradients.check());
        assertEquals("6 entries match", gradients.detail());
    }

    @Test
    void aViolatedContractCheckFailsTheCaseAndIsRendered() throws Exception {
        // GIVEN y = x with backward dx = dy + 1e-12: finite differences cannot see it, the zero-upstream check can
        LayerSample sample = new LayerSample("offset", new Offset(), Tensor.matrix(new double[] {1, 2}));
        // WHEN
        CaseResult result = cases(List.of(type("offset", false, false, sample)), 1).get(0);
        // THEN the gradient check passes but the case fails on the zero-upstream check (|dx| = 1e-12 at dy = 0)
        assertTrue(result.check().passed(), result.check().toString());
        assertFalse(result.passed());
        assertEquals(1, result.violations().size(), result.violations().toString());
        assertTrue(result.violations().get(0).startsWith(LayerChecks.ZERO_UPSTREAM + ": input gradient is not zero (max |dx| = 1.0E-12)"),
                result.violations().toString());
        assertEquals(List.of("offset #1: " + result.violations().get(0)), result.problems());
        // AND the text and JSON reports fail the run and list it
        RunReport run = new RunReport(1L, "rule", 1e-6, List.of(result));
        String text = TextReport.run(run);
        assertTrue(text.contains("FAIL offset #1: " + LayerChecks.ZERO_UPSTREAM), text);
        assertTrue(text.strip().endsWith("FAIL: 1 case, 2 checks, 0 passed, 1 failed, 0 non-differentiable entries"), text);
        JsonNode json = new ObjectMapper().readTree(JsonReport.run(run));
        assertFalse(json.get("passed").asBoolean());
        assertEquals(result.violations().get(0), json.get("results").get(0).get("violations").get(0).asText());
        assertEquals("offset #1: " + result.violations().get(0), json.get("results").get(0).get("problems").get(0).asText());
    }

    private static LayerType type(String name, boolean kinks, boolean integerInput, LayerSample... samples) {
        return new LayerType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean hasKinks() {
                return kinks;
            }

            @Override
            public boolean integerInput() {
                return integerInput;
            }

            @Override
            public Layer create(Map<String, Tensor> parameters, Map<String, Object> options) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<LayerSample> samples(RandomGenerator random) {
                return List.of(samples);
            }
        };
    }

    /** y = x with dx = dy + 1e-12 (a constant term). */
    private record Offset() implements Layer {
        @Override
        public String type() {
            return "offset";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.map(v -> v);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy.map(g -> g + 1e-12));
        }
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
