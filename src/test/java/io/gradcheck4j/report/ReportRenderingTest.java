package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {

    /** y = 3x with a backward returning dy: wrong by the factor 3. */
    private static final Layer TRIPLING = new Layer() {
        @Override
        public String type() {
            return "tripling";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.scale(3);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy);
        }
    };

    private static CheckReport wrongReport() {
        // J = sum(3x * u) with u = [[1, 2]]: the numeric gradient is 3u = [[3, 6]], the analytic one u = [[1, 2]]
        return new GradientChecker(CheckOptions.defaults().withParallelism(1))
                .check(NetworkFunction.ofLayer(TRIPLING, Tensor.matrix(new double[] {0.5, -1}), Tensor.matrix(new double[] {1, 2})));
    }

    @Test
    void textCheckReportIsAnAlignedTableThenMismatchLines() {
        // GIVEN
        CheckReport report = wrongReport();
        // WHEN
        List<String> lines = TextReport.check(report).lines().toList();
        // THEN header, one row for the input tensor, two mismatch lines and a verdict
        assertTrue(lines.get(1).startsWith("TENSOR"), lines.toString());
        int resultColumn = lines.get(1).indexOf("RESULT");
        assertEquals(resultColumn, lines.get(2).indexOf("FAIL"), lines.toString());
        assertTrue(lines.get(2).startsWith("input"), lines.toString());
        assertTrue(lines.get(2).contains("[0, 1]"), "the worst entry (|2 - 6| = 4) is [0, 1]: " + lines);
        assertTrue(lines.get(3).startsWith("gradient mismatch for input at index [0, 0]: analytic 1.000000000, numeric 3.00000"), lines.toString());
        assertTrue(lines.get(4).startsWith("gradient mismatch for input at index [0, 1]: analytic 2.000000000, numeric 6.00000"), lines.toString());
        assertEquals("FAIL: 2 entries checked, 2 mismatched", lines.get(5));
    }

    @Test
    void jsonCheckReportHasStableFields() throws Exception {
        // GIVEN
        CheckReport report = wrongReport();
        // WHEN
        JsonNode json = new ObjectMapper().readTree(JsonReport.check(report));
        // THEN
        assertFalse(json.get("passed").asBoolean());
        assertEquals(2, json.get("checked").asInt());
        assertEquals(2, json.get("failures").asInt());
        JsonNode tensor = json.get("tensors").get(0);
        assertEquals("input", tensor.get("variable").asText());
        assertEquals("[1,2]", tensor.get("shape").toString());
        assertEquals("[0,1]", tensor.get("worstIndex").toString());
        assertEquals(2.0, tensor.get("worstAnalytic").asDouble());
        assertEquals(6.0, tensor.get("worstNumeric").asDouble(), 1e-6);
        JsonNode mismatch = tensor.get("mismatches").get(0);
        assertEquals("[0,0]", mismatch.get("index").toString());
        assertEquals(1.0, mismatch.get("analytic").asDouble());
        assertEquals(3.0, mismatch.get("numeric").asDouble(), 1e-6);
        assertTrue(mismatch.get("message").asText().startsWith("gradient mismatch for input"));
    }

    @Test
    void jsonWritesNaNErrorsAsNull() throws Exception {
        // GIVEN a tensor report whose errors are NaN
        TensorReport t = Reports.tensor("x", "input x", new int[0], 1, 1, Double.NaN, Double.NaN, new int[0], Double.NaN, 1, List.of());
        // WHEN
        JsonNode json = new ObjectMapper().readTree(JsonReport.check(Reports.check("f", "rule", 1e-6, List.of(t))));
        // THEN
        assertTrue(json.get("tensors").get(0).get("maxAbsError").isNull());
        assertTrue(json.get("tensors").get(0).get("worstAnalytic").isNull());
        assertEquals(1.0, json.get("tensors").get(0).get("worstNumeric").asDouble());
    }

    @Test
    void runTableNamesFailingEntriesAndSummarises() {
        // GIVEN one passing and one failing case
        ValueComparison ok = new ValueComparison("loss", new int[0], 1, 0, 0, 0, new int[0], 1, 1, List.of());
        ValueMismatch m = new ValueMismatch("gradients.layers.0.weight[1, 2]", 10.01, 10, 0.01, 1e-6);
        ValueComparison bad = new ValueComparison("gradients.layers.0.weight", new int[] {2, 3}, 6, 1, 0.01, 0.001,
                new int[] {1, 2}, 10.01, 10, List.of(m));
        CheckReport oneEntry = Reports.check("f", "rule", 1e-6, List.of(
                Reports.tensor("x", "input x", new int[] {1}, 1, 0, 0, 0, new int[] {0}, 1, 1, List.of())));
        RunReport run = new RunReport(5L, "rule", 1e-6, List.of(
                new CaseResult(CaseResult.Kind.NETWORK, "good", "good.json", List.of(ok), oneEntry, null),
                new CaseResult(CaseResult.Kind.NETWORK, "bad", "bad.json", List.of(bad), oneEntry, null)));
        // WHEN
        String text = TextReport.run(run);
        // THEN
        assertTrue(text.contains("seed 5"), text);
        assertTrue(text.contains("FAIL bad: gradients.layers.0.weight[1, 2]: expected 10.01, actual 10 (|actual - expected| = 1.00e-02 > allowed 1.00e-06)"), text);
        assertTrue(text.strip().endsWith("FAIL: 2 cases, 9 checks, 1 passed, 1 failed, 0 non-differentiable entries"), text);
    }

    @Test
    void aCheckOrCaseOrRunThatComparedNothingFailsSayingWhatWasEmpty() {
        // GIVEN a gradient check of an input of shape [0, 3], and a run without cases
        CheckReport vacuous = Reports.check("f", "rule", 1e-6, List.of(
                Reports.tensor("input", "input", new int[] {0, 3}, 0, 0, 0, 0, new int[0], Double.NaN, Double.NaN, List.of())));
        CaseResult c = new CaseResult(CaseResult.Kind.LAYER, "cube #1", "batch 0", List.of(), vacuous, null);
        RunReport none = new RunReport(null, "rule", 1e-6, List.of());
        // WHEN they are judged
        // THEN none passes, and each says what was empty
        assertFalse(vacuous.passed());
        assertEquals("nothing was checked: input [0, 3] has no entries", vacuous.nothingChecked());
        assertFalse(c.passed());
        assertEquals(List.of("cube #1: nothing was checked: input [0, 3] has no entries"), c.problems());
        assertFalse(none.passed());
        assertTrue(TextReport.run(none).contains("FAIL nothing was checked: the run has no cases"), TextReport.run(none));
        assertTrue(TextReport.check(vacuous).contains("nothing was checked: input [0, 3] has no entries\nFAIL: 0 entries checked"), TextReport.check(vacuous));
    }
}
