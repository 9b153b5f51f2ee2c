package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.cli.ChildJvm.Run;
import io.gradcheck4j.cli.evil.SlowLayers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --timeout} cuts a long full check short: exit 3 and one line that names what was being evaluated and
 * ends with how many of the check's entries were done. The check is of a fixture whose one layer (from a jar
 * this test builds out of {@link SlowLayers}) takes 20 ms per forward pass, on a 30 x 30 input: 900 entries of a
 * few forward passes each, ten seconds and more in all. It runs {@link Main#main} in a child JVM ({@link ChildJvm}).
 */
class TimeoutTest {
    @TempDir
    Path dir;

    @Test
    void aTimedOutCheckSaysHowManyOfItsEntriesWereDone() throws Exception {
        // GIVEN the slow identity on a 30 x 30 input (no parameters: 30 * 30 = 900 entries), no expected values
        Path jar = ChildJvm.jar(dir.resolve("slow-layers.jar"), SlowLayers.class);
        StringBuilder input = new StringBuilder("[");
        String row = "[" + "0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, ".repeat(3).replaceAll(", $", "") + "]";
        for (int i = 0; i < 30; i++) {
            input.append(i == 0 ? "" : ", ").append(row);
        }
        Path fixture = Files.writeString(dir.resolve("slow.json"), "{\"kind\": \"network\", \"name\": \"slow\", \"input\": " + input
                + "], \"layers\": [{\"type\": \"slow_identity\"}], \"expected\": {}}");
        // WHEN it is checked in full with a 2 s timeout, stderr not a terminal
        Run r = ChildJvm.main(dir, "check", fixture.toString(), "--jar", jar.toString(), "--timeout", "2");
        // THEN exit 3 and one line (no progress line off a terminal) naming the tensor, ending with "(N of 900 entries done)", N < 900
        assertEquals(3, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        String line = r.err().strip();
        assertTrue(line.startsWith("gradcheck4j: error: the check could not complete: timed out after 2 s (--timeout) "
                + "while checking fixture slow, evaluating input at "), line);
        Matcher done = Pattern.compile(" \\((\\d+) of 900 entries done\\)$").matcher(line);
        assertTrue(done.find(), line);
        assertTrue(Integer.parseInt(done.group(1)) < 900, line);
    }
}
