package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private JsonNode check() throws Exception {
        return new ObjectMapper().readTree(out.toString()).get("results").get(0).get("check");
    }

    @Test
    void theDefaultRuleIsErrorAwareInFullMode() throws Exception {
        // GIVEN / WHEN the numpy Affine example's backward checked with default settings
        int code = run("check", "fixtures/seed003-affine-backward.json", "--json");
        // THEN the rule is the error-aware one and every entry (input 4, weight 6, bias 3) is compared in FULL mode
        assertEquals(0, code, err.toString());
        JsonNode check = check();
        assertEquals("FULL", check.get("mode").asText());
        assertTrue(check.get("rule").asText().contains("estimate"), check.get("rule").asText());
        assertEquals(4 + 6 + 3, check.get("checked").asInt());
    }

    @Test
    void fastModeComparesThreeProbesPerTensorAndTheRuleIsSelectable() throws Exception {
        // GIVEN / WHEN FAST mode with PyTorch's rule
        int code = run("check", "fixtures/seed003-affine-backward.json", "--json", "--mode", "fast", "--rule", "pytorch", "--atol", "1e-6");
        // THEN 3 tensors x 3 probes, under |a - n| <= 1e-6 + 0.001 |n|
        assertEquals(0, code, err.toString());
        JsonNode check = check();
        assertTrue(check.get("mode").asText().startsWith("FAST (3 probes"), check.get("mode").asText());
        assertEquals(9, check.get("checked").asInt());
        assertEquals("|a - n| <= 1.0E-6 + 0.001 * |n|", check.get("rule").asText());
    }

    @Test
    void anUnknownModeIsAUsageError() {
        // GIVEN / WHEN / THEN
        assertEquals(2, run("check", "fixtures/seed003-affine-backward.json", "--mode", "quick"));
        assertTrue(err.toString().contains("--mode must be full, sampled or fast"), err.toString());
    }
}
