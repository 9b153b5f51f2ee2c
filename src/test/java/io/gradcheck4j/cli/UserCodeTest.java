package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.cli.ChildJvm.Run;
import io.gradcheck4j.cli.evil.EvilLayers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User code cannot fake or stall a result: layers (from a jar this test builds out of {@link EvilLayers}, with
 * its services file) that call {@code System.exit(0)} or {@code Runtime.halt(0)} after printing a fake verdict,
 * loop for ever, exhaust the heap or the stack give exit 3 and one line naming the layer. Each runs {@link Main#main} in a child JVM
 * ({@link ChildJvm}), never in the Surefire JVM.
 */
class UserCodeTest {
    @TempDir
    static Path dir;
    private static Path jar;

    @BeforeAll
    static void buildTheEvilJar() throws IOException, URISyntaxException {
        jar = ChildJvm.jar(dir.resolve("evil-layers.jar"), EvilLayers.class);
    }

    private static Run child(String... args) throws IOException, InterruptedException {
        return ChildJvm.main(dir, args);
    }

    private static void assertIncomplete(Run r, String layerType, String why) {
        assertEquals(3, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        String line = r.err().strip();
        assertTrue(line.startsWith("gradcheck4j: error: the check could not complete: " + why), line);
        assertTrue(line.contains("while checking layer type " + layerType), line);
    }

    @Test
    void aLayerThatCallsSystemExitAfterPrintingPassedGivesExitThree() throws Exception {
        // GIVEN a layer whose backward prints "PASSED: 24 of 24 checks passed", then calls System.exit(0)
        // WHEN the layer contract runs on it
        Run r = child("layer", "--jar", jar.toString(), "evil_exit");
        // THEN the fake verdict is printed, but the exit code is 3 with one line naming the layer
        assertTrue(r.out().contains("PASSED: 24 of 24"), r.out());
        assertIncomplete(r, "evil_exit", "the JVM was told to exit");
    }

    @Test
    void aLayerThatCallsRuntimeHaltAfterPrintingPassedGivesExitThree() throws Exception {
        // GIVEN a layer whose backward prints "PASSED: 24 of 24 checks passed", then calls Runtime.halt(0), which runs no hook
        // WHEN the layer contract runs on it
        Run r = child("layer", "--jar", jar.toString(), "evil_halt");
        // THEN the JVM that ran it ended early with 0, which main's parent JVM turns into 3 with one line naming the layer
        assertTrue(r.out().contains("PASSED: 24 of 24"), r.out());
        assertIncomplete(r, "evil_halt", "the JVM running it ended with exit code 0 before the run finished");
    }

    @Test
    void aRunThatFinishesKeepsItsExitCodeThroughTheChildJvm() throws Exception {
        // GIVEN a correct layer type and an unknown one
        // WHEN each runs through main
        // THEN 0 and 2, as in the same JVM
        assertEquals(0, child("layer", "relu").exit());
        Run unknown = child("layer", "no_such_layer");
        assertEquals(2, unknown.exit(), unknown.err());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }

    @Test
    void aLayerThatLoopsForeverIsStoppedByTheTimeout() throws Exception {
        // GIVEN a layer whose backward never returns
        // WHEN the layer contract runs on it with a 2 s timeout
        Run r = child("layer", "--jar", jar.toString(), "evil_loop", "--timeout", "2");
        // THEN exit 3, naming the layer and what was being evaluated
        assertIncomplete(r, "evil_loop", "timed out after 2 s (--timeout)");
        assertTrue(r.err().contains(", evaluating the forward and backward passes"), r.err());
    }

    @Test
    void aLayerThatExhaustsTheHeapGivesExitThreeWithoutAStackTrace() throws Exception {
        // GIVEN a layer whose backward allocates until OutOfMemoryError
        // WHEN the layer contract runs on it (in a JVM of 128 MB)
        Run r = child("layer", "--jar", jar.toString(), "evil_oom");
        // THEN exit 3 and one line naming the layer, no stack trace
        assertIncomplete(r, "evil_oom", "OutOfMemoryError (Java heap space)");
    }

    @Test
    void aLayerThatRecursesForeverGivesExitThreeWithoutAStackTrace() throws Exception {
        // GIVEN a layer whose backward recurses until StackOverflowError
        // WHEN the layer contract runs on it
        Run r = child("layer", "--jar", jar.toString(), "evil_recursion");
        // THEN exit 3 and one line naming the layer
        assertIncomplete(r, "evil_recursion", "StackOverflowError");
    }
}
