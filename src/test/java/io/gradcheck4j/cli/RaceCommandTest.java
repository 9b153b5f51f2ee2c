package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RaceCommandTest {

    @TempDir
    Path dir;

    @Test
    void raceOfSmallNetworksPrintsTableChartsAndHtml() throws IOException {
        // GIVEN the race limited to networks of at most 400 parameters and a tiny budget
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        Path html = dir.resolve("race.html");

        // WHEN it runs
        int code = cl.execute("race", "--max-params", "400", "--budget", "0.01", "--out", dir.toString(), "--html", html.toString());

        // THEN the table lists the two networks (P = 5*5+5+5*10+10 = 90 and 12*12+12+12*10+10 = 286) with 2P passes
        assertEquals(0, code, err.toString());
        String table = out.toString();
        assertTrue(table.contains("5-5-10 batch 16") && table.contains("12-12-10 batch 16"), table);
        assertTrue(table.contains("180") && table.contains("572"), table);
        // AND, not on a terminal, one plain progress line per network and no carriage-return frames of a bar
        assertEquals(List.of("race: network 1 of 2, P = 90", "race: network 2 of 2, P = 286"), err.toString().lines().toList());
        assertFalse(err.toString().contains("\r"), err.toString());
        // AND every file written is announced
        assertTrue(table.contains("wrote " + html), table);
        assertTrue(table.contains("wrote " + dir.resolve("race-times.png")), table);
        // AND the charts exist as PNG (magic bytes) and SVG
        for (String base : new String[] {"race-times", "race-ratio"}) {
            byte[] png = Files.readAllBytes(dir.resolve(base + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
            assertTrue(Files.readString(dir.resolve(base + ".svg")).contains("<svg"));
        }
        // AND the HTML report embeds the charts and the passing full checks of both networks
        String page = Files.readString(html);
        // AND it opens with the race in one line: the two networks raced, and who won
        assertTrue(page.contains("<p>Raced one gradient of 2 sigmoid MLPs, P = 90 to 286: backprop won "), page);
        assertTrue(page.contains("data:image/png;base64,"));
        assertEquals(2, page.split("<span class=\"pass\">PASS</span>", -1).length - 1, page);
        assertTrue(page.contains("<td class=\"l\">layers.0.weight</td>"));
        // AND it ends with the step sweep of the smallest network's first weight, chart included
        assertTrue(page.contains("<h2>Choosing the step: layers.0.weight[0, 0]</h2>"), page);
        assertEquals(3, page.split("data:image/png;base64,", -1).length - 1, "two race charts and the sweep chart");
    }

    @Test
    void aLimitBelowTheSmallestNetworkIsAUsageError() {
        // GIVEN/WHEN a limit of 10 parameters
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("race", "--max-params", "10");

        // THEN exit code 2 and the smallest race network is named
        assertEquals(2, code);
        assertTrue(err.toString().contains("the smallest has 90"), err.toString());
    }
}
