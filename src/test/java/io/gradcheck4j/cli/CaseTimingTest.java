package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Every case of a run carries the wall time of its checks, in the JSON report and in the text table. */
class CaseTimingTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void everyCaseOfCheckJsonCarriesItsSecondsWithinTheRunsWallTime() throws Exception {
        // GIVEN the project's fixtures
        long start = System.nanoTime();
        // WHEN
        int code = run("check", "fixtures", "--json", "--threads", "2");
        double wall = (System.nanoTime() - start) * 1e-9;
        // THEN every case has a number of seconds in [0, wall], and together they fit in the run's wall time
        assertEquals(0, code, out + "\n" + err);
        JsonNode results = new ObjectMapper().readTree(out.toString()).get("results");
        assertTrue(results.size() > 5, out.toString());
        double sum = 0;
        for (JsonNode c : results) {
            assertTrue(c.get("seconds").isNumber(), c.get("name") + " has no seconds");
            double s = c.get("seconds").asDouble();
            assertTrue(s >= 0 && s <= wall, c.get("name") + ": " + s + " s outside [0, " + wall + "]");
            sum += s;
        }
        assertTrue(sum <= wall, "cases sum to " + sum + " s, the run took " + wall + " s");
    }

    @Test
    void textTableHasASecondsColumnWithThreeDecimals() {
        // GIVEN one fixture
        // WHEN
        int code = run("check", "fixtures/seed003-affine-backward.json");
        // THEN the header names SECONDS and the row holds a decimal number under it
        assertEquals(0, code, out + "\n" + err);
        String header = out.toString().lines().filter(l -> l.startsWith("CASE")).findFirst().orElseThrow();
        String row = out.toString().lines().filter(l -> l.startsWith("seed003-affine-backward")).findFirst().orElseThrow();
        int column = header.indexOf("SECONDS");
        assertTrue(column > 0, header);
        String cell = row.substring(column, column + "SECONDS".length()).strip();
        assertTrue(cell.matches("\\d+\\.\\d{3}"), "'" + cell + "' in " + row);
    }
}
