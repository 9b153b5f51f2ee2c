package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CheckRenderingTest {

    @Test
    void kinksEstimatesAndFindingsAreRendered() throws Exception {
        // GIVEN ReLU at [0, 0.5] (one kink) and an identity whose backward doubles dy (wrong by a factor 2)
        CheckReport kink = GradientChecker.withDefaults().check(NetworkFunction.ofLayer(new ReLU(),
                Tensor.matrix(new double[] {0, 0.5}), Tensor.matrix(new double[] {1, 1})));
        Layer doubling = new Layer() {
            @Override
            public String type() {
                return "doubling";
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy.scale(2));
            }
        };
        CheckReport wrong = GradientChecker.withDefaults().check(NetworkFunction.ofLayer(doubling,
                Tensor.matrix(new double[] {1}), Tensor.matrix(new double[] {1})));
        // WHEN rendered
        String text = TextReport.check(kink);
        JsonNode json = new ObjectMapper().readTree(JsonReport.check(kink));
        JsonNode wrongJson = new ObjectMapper().readTree(JsonReport.check(wrong));
        // THEN the text lists the kink and counts it; the JSON carries the verdicts and the estimate
        assertTrue(text.contains("not differentiable: input at index [0, 0]: layer 0 (relu) changes branch"), text);
        assertTrue(text.contains("PASS: 2 entries checked, 0 mismatched, 1 non-differentiable"), text);
        assertEquals(1, json.get("nonDifferentiable").asInt());
        assertEquals("NON_DIFFERENTIABLE", json.get("tensors").get(0).get("kinks").get(0).get("verdict").asText());
        JsonNode m = wrongJson.get("tensors").get(0).get("mismatches").get(0);
        assertEquals("FAIL", m.get("verdict").asText());
        assertEquals(2, m.get("analytic").asDouble(), 0);
        assertTrue(m.get("errorEstimate").asDouble() >= 0);
        assertTrue(TextReport.check(wrong).contains("numeric error estimate"), TextReport.check(wrong));
    }
}
