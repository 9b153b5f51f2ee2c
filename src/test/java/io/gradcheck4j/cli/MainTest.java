package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradcheck4j.engine.LayerTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line through picocli's execute with captured streams (main() alone calls System.exit). */
class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void mainJobPassesOnTheProjectFixtures() {
        // GIVEN the working directory is the project root, which holds fixtures/
        // WHEN
        int code = run("--seed", "7");
        // THEN every fixture and layer sample passes, the seed is printed, a summary line ends the table
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("seed 7"), out.toString());
        assertTrue(out.toString().contains("seed003-two-layer-forward"), out.toString());
        assertTrue(out.toString().contains("relu #1"), out.toString());
        assertTrue(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASS: "), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void alteredExpectedGradientExitsOneNamingTheEntry(@TempDir Path dir) throws Exception {
        // GIVEN a fixture directory whose seed003-affine-backward has dW[1, 2] altered by 1e-3 relative
        alteredCopy(dir);
        // WHEN
        int code = run("--fixtures", dir.toString());
        // THEN
        assertEquals(1, code, out + "\n" + err);
        assertTrue(out.toString().contains("FAIL seed003-affine-backward: gradients.layers.0.weight[1, 2]: expected 10.00999"), out.toString());
        assertTrue(out.toString().contains("FAIL: "), out.toString());
    }

    @Test
    void htmlReportOfTheMainJobNamesTheWrongEntry(@TempDir Path dir) throws Exception {
        // GIVEN the altered fixture directory and a report file
        alteredCopy(dir);
        Path html = dir.resolve("report.html");
        // WHEN the main job runs with --html
        int code = run("--fixtures", dir.toString(), "--html", html.toString());
        // THEN exit 1, and the page has the verdict, one row per case and the problem naming the entry
        assertEquals(1, code, out + "\n" + err);
        String page = Files.readString(html);
        assertTrue(page.contains("<span class=\"fail\">FAIL</span>"), page);
        assertTrue(page.contains("<td class=\"l\">seed003-affine-backward</td>"), page);
        assertTrue(page.contains("seed003-affine-backward: gradients.layers.0.weight[1, 2]: expected 10.00999"), page);
    }

    @Test
    void checkAndTheMainJobSayWhichFileTheyWrote(@TempDir Path dir) throws Exception {
        // GIVEN report files for check and for the main job (the fixtures of an altered copy)
        alteredCopy(dir);
        Path checkHtml = dir.resolve("check.html");
        Path mainHtml = dir.resolve("main.html");
        // WHEN both run with --html
        int check = run("check", "fixtures/seed003-affine-forward.json", "--html", checkHtml.toString());
        int main = run("--fixtures", dir.toString(), "--html", mainHtml.toString());
        // THEN each prints "wrote FILE" and the files exist
        assertEquals(0, check, out + "\n" + err);
        assertEquals(1, main, out + "\n" + err);
        assertTrue(out.toString().contains("wrote " + checkHtml + "\n"), out.toString());
        assertTrue(out.toString().contains("wrote " + mainHtml + "\n"), out.toString());
        assertTrue(Files.isRegularFile(checkHtml) && Files.isRegularFile(mainHtml));
    }

    @Test
    void theRunTableFitsOneHundredAndTwentyColumns() {
        // GIVEN the main job on the project's fixtures and every layer type, whose longest detail is the 54-character
        // fixtures/seed002-binary-cross-entropy-with-logits.json
        // WHEN it runs
        int code = run("--seed", "7");
        // THEN no line of the table is wider than 120 columns, and the abbreviated detail keeps both ends
        assertEquals(0, code, out + "\n" + err);
        String text = out.toString();
        int tableEnd = text.indexOf("ENGINE ERR = max");
        assertTrue(tableEnd > 0, text);
        text.substring(0, tableEnd).lines().forEach(l -> assertTrue(l.length() <= 120, l.length() + ": " + l));
        assertTrue(text.lines().anyMatch(l -> l.startsWith("seed002-binary-cross-entropy-with-logits ")
                && l.matches(".* fixture[^ ]*\\.\\.\\.[^ ]*s\\.json .*")), text);
    }

    @Test
    void anUnwritableHtmlReportIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        // GIVEN a report path below a regular file
        Path file = Files.writeString(dir.resolve("taken"), "x");
        // WHEN the check runs
        int code = run("check", "fixtures/seed003-affine-forward.json", "--html", file.resolve("report.html").toString());
        // THEN exit 2 with one line naming the file, no stack trace
        assertEquals(2, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("gradcheck4j: error: cannot write the HTML report "), err.toString());
    }

    @Test
    void checkCommandOnTheAlteredFileExitsOne(@TempDir Path dir) throws Exception {
        Path file = alteredCopy(dir);
        assertEquals(1, run("check", file.toString()));
        assertTrue(out.toString().contains("gradients.layers.0.weight[1, 2]"), out.toString());
    }

    @Test
    void checkCommandPassesGoodFiles() {
        assertEquals(0, run("check", "fixtures/seed000-cs231n-circuit.json", "fixtures/seed003-affine-forward.json"), err.toString());
        assertTrue(out.toString().contains("PASS: 2 cases"), out.toString());
    }

    @Test
    void malformedFixtureExitsTwoWithOneLineAndNoStackTrace(@TempDir Path dir) throws Exception {
        // GIVEN a fixture directory with a ragged weight
        Files.copy(Path.of("src/test/resources/fixtures-bad/ragged-weight.json"), dir.resolve("ragged-weight.json"));
        // WHEN
        int code = run("--fixtures", dir.toString());
        // THEN
        assertEquals(2, code);
        assertEquals("gradcheck4j: error: " + dir.resolve("ragged-weight.json") + ": layers[1].params.weight: expected a rectangular"
                + " 2-D array of numbers, got a ragged array ([1] has 1 entry, expected 2)", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertEquals(2, run("check", "--verbose", "src/test/resources/fixtures-bad/bad-json.json"));
        assertTrue(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void everyBadFileIsListed() {
        // GIVEN the whole fixtures-bad directory
        assertEquals(2, run("check", "src/test/resources/fixtures-bad"));
        // THEN one line per file, none with a stack trace
        long lines = err.toString().lines().count();
        assertEquals(7, lines, err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void missingExplicitFixtureDirectoryExitsTwo() {
        assertEquals(2, run("--fixtures", "no/such/dir"));
        assertTrue(err.toString().startsWith("gradcheck4j: error: no fixtures directory at "), err.toString());
    }

    @Test
    void missingFileExitsTwo() {
        assertEquals(2, run("check", "nope.json"));
        assertEquals("gradcheck4j: error: nope.json: no such file", err.toString().strip());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("--no-such-option"));
        assertTrue(err.toString().startsWith("gradcheck4j: Unknown option: '--no-such-option'"), err.toString());
        assertEquals(2, run("check"));
        assertEquals(2, run("--step", "-1"));
        assertTrue(err.toString().contains("gradcheck4j: --step must be between 1.0E-12 and 0.1"), err.toString());
        // a step where round-off or truncation swamps every difference is refused, in one line
        assertEquals(2, run("check", "--step", "1e-15", "fixtures/seed000-cs231n-circuit.json"));
        assertEquals(2, run("check", "--step", "1e300", "fixtures/seed000-cs231n-circuit.json"));
        assertEquals(1, err.toString().lines().filter(l -> l.contains("1.0E300")).count(), err.toString());
        assertEquals(2, run("--atol", "abc"));
    }

    @Test
    void helpOnEveryCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("--fixtures=DIR") && out.toString().contains("check"), out.toString());
        assertEquals(0, run("check", "--help"));
        assertTrue(out.toString().contains("FILE") && out.toString().contains("--details"), out.toString());
    }

    @Test
    void jsonReportIsMachineReadable() throws Exception {
        // WHEN
        int code = run("check", "--json", "fixtures/seed000-cs231n-circuit.json");
        // THEN
        assertEquals(0, code, err.toString());
        JsonNode report = JSON.readTree(out.toString());
        assertTrue(report.get("passed").asBoolean());
        assertEquals(1, report.get("cases").asInt());
        JsonNode c = report.get("results").get(0);
        assertEquals("seed000-cs231n-circuit", c.get("name").asText());
        assertEquals("circuit", c.get("kind").asText());
        // value + 5 gradients compared, 3 inputs + 2 nodes checked by finite differences
        assertEquals(6, c.get("expectations").size());
        assertEquals(5, c.get("check").get("checked").asInt());
        assertEquals(11, c.get("checks").asInt());
    }

    @Test
    void jsonReportOfTheMainJobListsEveryLayerSample() throws Exception {
        assertEquals(0, run("--json", "--fixtures", "fixtures"));
        JsonNode report = JSON.readTree(out.toString());
        assertEquals(1, report.get("seed").asLong());
        long layerCases = 0;
        for (JsonNode c : report.get("results")) {
            layerCases += c.get("kind").asText().equals("layer") ? 1 : 0;
        }
        assertTrue(layerCases >= LayerTypes.builtIn().all().size(), report.toString());
    }

    private static Path alteredCopy(Path dir) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Path.of("fixtures/seed003-affine-backward.json").toFile());
        ArrayNode row = (ArrayNode) root.get("expected").get("gradients").get("layers.0.weight").get(1);
        row.set(2, JSON.getNodeFactory().numberNode(row.get(2).doubleValue() * (1 + 1e-3)));
        Path file = dir.resolve("seed003-affine-backward.json");
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }
}
