package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --shard I/N} and {@code merge-reports}: the merged shards print the unsharded run's report. */
class ShardCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void threeShardsOfTheFixturesMergeIntoTheUnshardedReport(@TempDir Path dir) throws Exception {
        // GIVEN the project's fixtures checked whole, and in three shards written to files
        assertEquals(0, run("check", "fixtures", "--json", "--threads", "2"), err.toString());
        JsonNode unsharded = withoutSeconds(JSON.readTree(out.toString()));
        List<String> files = new ArrayList<>(List.of("merge-reports", "--json"));
        int checked = 0;
        for (int i = 3; i >= 1; i--) {
            assertEquals(0, run("check", "fixtures", "--shard", i + "/3", "--threads", "2"), err.toString());
            Path file = dir.resolve("shard-" + i + ".json");
            Files.writeString(file, out.toString());
            JsonNode partial = JSON.readTree(out.toString());
            assertEquals(i, partial.get("shard").get("index").asInt());
            checked += partial.get("results").get(0).get("check").get("checked").asInt();
            files.add(file.toString());
        }
        // WHEN they are merged
        int code = run(files.toArray(String[]::new));
        // THEN exit 0, the merged JSON is the unsharded one, and the shards split the first case's entries
        assertEquals(0, code, err.toString());
        assertEquals(unsharded, withoutSeconds(JSON.readTree(out.toString())));
        assertEquals(unsharded.get("results").get(0).get("check").get("checked").asInt(), checked);
    }

    @Test
    void aMissingShardIsExitTwoNamingIt(@TempDir Path dir) throws Exception {
        // GIVEN shard 1 of 2 only
        run("check", "fixtures/seed003-affine-backward.json", "--shard", "1/2");
        Path file = dir.resolve("shard-1.json");
        Files.writeString(file, out.toString());
        // WHEN merged alone
        int code = run("merge-reports", file.toString());
        // THEN
        assertEquals(2, code);
        assertEquals("gradcheck4j: error: shard 2/2 is missing", err.toString().strip());
    }

    @Test
    void malformedShardOrAnotherModeIsAUsageError() {
        // GIVEN / WHEN / THEN
        assertEquals(2, run("check", "fixtures", "--shard", "3/2"));
        assertTrue(err.toString().contains("shard must be I/N with 1 <= I <= N, got 3/2"), err.toString());
        assertEquals(2, run("check", "fixtures", "--shard", "1/2", "--mode", "fast"));
        assertTrue(err.toString().contains("--shard splits a full check"), err.toString());
    }

    private static JsonNode withoutSeconds(JsonNode run) {
        run.get("results").forEach(r -> ((ObjectNode) r).remove("seconds"));
        return run;
    }
}
