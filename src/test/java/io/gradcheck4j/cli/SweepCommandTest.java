package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SweepCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void sweepsAWeightOfTheNumpyAffineExample() {
        // GIVEN the numpy Affine example's backward, where dW = x^T dy = [[7, 7, 7], [10, 10, 10]] by hand
        // WHEN weight [0, 1] is swept
        int code = run("sweep", "fixtures/seed003-affine-backward.json", "--entry", "layers.0.weight[0,1]");
        // THEN the table names the entry with analytic derivative 7, and the plot is drawn
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("layers.0.weight[0, 1] (layer 0 (affine) parameter weight) = 3.0000"), text);
        assertTrue(text.contains("analytic derivative 7.0000000000000000"), text);
        assertTrue(text.contains("log10 |error|") && text.contains("(step h)"), text);
    }

    @Test
    void jsonHasOnePointPerHalfDecade() throws Exception {
        // GIVEN the CS231n circuit (x + y) z at x = -2, y = 5, z = -4: df/dx = z = -4
        // WHEN x is swept as JSON
        int code = run("sweep", "fixtures/seed000-cs231n-circuit.json", "--entry", "x[]", "--json");
        // THEN 23 points from 1e-1 to 1e-12 and the analytic derivative -4
        assertEquals(0, code, err.toString());
        JsonNode n = new ObjectMapper().readTree(out.toString());
        assertEquals(-4, n.get("analytic").asDouble(), 0);
        assertEquals(23, n.get("points").size());
        assertEquals(1e-12, n.get("points").get(22).get("step").asDouble(), 1e-25);
    }

    @Test
    void writesTheChartAndAnHtmlReportWithTheFixturesCheck(@TempDir Path dir) throws Exception {
        // GIVEN the numpy Affine example's backward and an output folder
        Path html = dir.resolve("sweep.html");
        // WHEN weight [0, 1] is swept with --out and --html
        int code = run("sweep", "fixtures/seed003-affine-backward.json", "--entry", "layers.0.weight[0,1]",
                "--out", dir.toString(), "--html", html.toString());
        // THEN the chart is written as PNG (magic bytes) and SVG
        assertEquals(0, code, err.toString());
        byte[] png = Files.readAllBytes(dir.resolve("sweep.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.readString(dir.resolve("sweep.svg")).contains("<svg"));
        // AND the page has the sweep (heading, embedded chart) and the passing check of the fixture
        String page = Files.readString(html);
        assertTrue(page.contains("Choosing the step: layers.0.weight[0, 1]"), page);
        assertTrue(page.contains("data:image/png;base64,"));
        assertTrue(page.contains("<span class=\"pass\">PASS</span>"), page);
        assertTrue(out.toString().contains("wrote " + html), out.toString());
    }

    @Test
    void anUnwritableOutputIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        // GIVEN a regular file where the output folder should be
        Path file = Files.writeString(dir.resolve("taken"), "x");
        // WHEN the chart is to be written below it
        int code = run("sweep", "fixtures/seed003-affine-backward.json", "--entry", "layers.0.weight[0,1]",
                "--out", file.resolve("charts").toString());
        // THEN exit code 2 and one line, no stack trace
        assertEquals(2, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("gradcheck4j sweep: cannot write"), err.toString());
    }

    @Test
    void aBadEntryIsOneLineAndExitCode2() {
        // GIVEN / WHEN an entry outside the weight
        int code = run("sweep", "fixtures/seed003-affine-backward.json", "--entry", "layers.0.weight[5,0]");
        // THEN exit code 2 with one line naming the problem
        assertEquals(2, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("outside layers.0.weight of shape [2, 3]"), err.toString());
    }
}
