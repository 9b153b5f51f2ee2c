package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error is one line on stderr with its reason, naming the option or file as the user wrote it, and no
 * internal names or {@code internal error}; and a run that checks nothing fails saying what was empty.
 */
class ErrorMessagesTest {
    private static final String BCE_OF_SIX = """
            {"kind": "network", "name": "bce-of-six", "input": [[10]],
             "layers": [{"type": "affine", "params": {"weight": [[0.6]], "bias": [0.0]}}],
             "loss": {"type": "binary_cross_entropy", "target": [[1]]}, "expected": {"output": [[6.0]]}}
            """;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        /** The first line of stderr, after asserting that it is the only error line (a usage hint may follow). */
        String line() {
            assertFalse(err.contains("internal error"), err);
            assertFalse(err.contains("\tat "), err);
            assertEquals(1, err.lines().filter(l -> !l.startsWith("Try '")).count(), err);
            return err.lines().findFirst().orElseThrow();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void checkOfAnEmptyDirectoryFailsSayingItIsEmpty() throws IOException {
        // GIVEN a directory without fixture files
        Path empty = Files.createDirectory(dir.resolve("empty"));
        // WHEN it is checked
        Run r = run("check", empty.toString());
        // THEN exit 1 and one line naming the directory (today: PASS: 0 cases, exit 0)
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("gradcheck4j: error: nothing was checked: no fixture files (*.json) in " + empty, r.line());
        assertFalse(r.out().contains("PASS"), r.out());
    }

    @Test
    void invalidCheckOptionsNameTheOption() {
        // WHEN probes, samples, threads or the step are out of range
        // THEN the option is named as written, not the field behind it
        Run probes = run("check", "fixtures/seed003-affine-forward.json", "--mode", "fast", "--probes", "0");
        assertEquals(2, probes.exit());
        assertEquals("gradcheck4j: --probes must be >= 1, got 0", probes.line());
        assertEquals("gradcheck4j: --samples must be >= 1, got -3", run("check", "fixtures/seed003-affine-forward.json", "--samples", "-3").line());
        assertEquals("gradcheck4j: --threads must be >= 1, got 0", run("layer", "relu", "--threads", "0").line());
        assertEquals("gradcheck4j: --timeout must be >= 0 (0 for no limit), got -1", run("layer", "relu", "--timeout", "-1").line());
    }

    @Test
    void anHtmlReportOntoADirectoryGivesTheReason() {
        // GIVEN --html naming a directory
        // WHEN the check runs
        Run r = run("check", "fixtures/seed003-affine-forward.json", "--html", dir.toString());
        // THEN one line with the file as given and why (today: "(FileSystemException)")
        assertEquals(2, r.exit());
        assertEquals("gradcheck4j: error: cannot write the HTML report " + dir + ": is a directory", r.line());
    }

    @Test
    void aBinaryFixtureFileIsSaidToBeBinary() throws IOException {
        // GIVEN a file of bytes that are not UTF-8
        Path binary = Files.write(dir.resolve("weights.json"), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 0, 1});
        // WHEN it is checked
        Run r = run("check", binary.toString());
        // THEN (today: "cannot read the file: Input length = 4")
        assertEquals(2, r.exit());
        assertEquals("gradcheck4j: error: " + binary + ": not a fixture: the file is not UTF-8 text (a binary file?)", r.line());
    }

    @Test
    void aClassWhoseStaticInitializerThrowsIsReportedAsSuch() throws IOException {
        // GIVEN a valid jar and a layer class whose static initializer throws
        Path jar = emptyJar();
        // WHEN the class is named
        Run r = run("layer", "--jar", jar.toString(), "io.gradcheck4j.cli.evil.BrokenInit", "--input-shape", "2,3");
        // THEN the line says what happened (today: "neither a registered layer type ... nor a class")
        assertEquals(2, r.exit());
        String line = r.line();
        assertTrue(line.startsWith("gradcheck4j: error: class io.gradcheck4j.cli.evil.BrokenInit cannot be loaded: its static initializer threw"), line);
    }

    @Test
    void aCorruptJarIsReportedAsNotAJar() throws IOException {
        // GIVEN a file named .jar that is no zip
        Path jar = Files.writeString(dir.resolve("layers.jar"), "this is not a zip file");
        // WHEN it is given to layer and to layers
        Run layer = run("layer", "--jar", jar.toString(), "com.acme.Cube", "--input-shape", "2,3");
        Run layers = run("layers", "--jar", jar.toString());
        // THEN both say the jar is unreadable and why
        assertEquals(2, layer.exit());
        assertTrue(layer.line().startsWith("gradcheck4j: error: --jar " + jar + ": not a readable jar ("), layer.err());
        assertEquals(layer.line(), layers.line());
    }

    @Test
    void explainOnABinaryCrossEntropyOfSixSaysWhy() throws IOException {
        // GIVEN a fixture whose binary cross-entropy gets the output 6.0 (no sigmoid)
        Path fixture = Files.writeString(dir.resolve("bce.json"), BCE_OF_SIX);
        // WHEN it is explained
        Run r = run("explain", fixture.toString());
        // THEN one line naming the file and the loss's reason (today: "internal error")
        assertEquals(2, r.exit());
        assertEquals("gradcheck4j: error: " + fixture + ": cannot explain it: binary_cross_entropy needs probabilities strictly inside (0, 1), "
                + "got 6.0 at output index [0, 0] (use binary_cross_entropy_with_logits on logits)", r.line());
    }

    @Test
    void aNegativeInputShapeNamesTheOption() {
        // WHEN the input shape has a negative dimension
        Run r = run("layer", "com.acme.Nothing", "--input-shape", "-2,3");
        // THEN (today: "internal error: IllegalArgumentException")
        assertEquals(2, r.exit());
        assertEquals("gradcheck4j: error: --input-shape -2,3: every dimension must be >= 0", r.line());
    }

    @Test
    void raceRejectsAZeroBudgetBeforeRacing() {
        // WHEN the budget is 0
        Run r = run("race", "--budget", "0");
        // THEN a usage error, before any progress output (today: "internal error" after the bar started)
        assertEquals(2, r.exit());
        assertEquals("gradcheck4j: --budget must be a finite number of seconds > 0, got 0.0", r.line());
    }

    @Test
    void raceIntoAnUncreatableDirectoryGivesTheReasonBeforeRacing() throws IOException {
        // GIVEN --out below a regular file
        Path file = Files.writeString(dir.resolve("taken"), "x");
        // WHEN the race runs
        Run r = run("race", "--max-params", "200", "--out", file.resolve("charts").toString());
        // THEN one line naming the directory as given and why, and no race
        assertEquals(2, r.exit());
        assertTrue(r.line().startsWith("gradcheck4j race: error: cannot write the charts into --out " + file.resolve("charts") + ": "), r.err());
        assertFalse(r.line().endsWith(": "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void everyCommandsHelpListsTheExitCodes() {
        // WHEN each command's --help is printed
        for (String command : new String[] {"", "check", "layer", "layers", "sweep", "explain", "race"}) {
            Run r = command.isEmpty() ? run("--help") : run(command, "--help");
            // THEN it ends with the exit codes, 3 among them wherever user code runs
            assertEquals(0, r.exit(), command);
            assertTrue(r.out().contains("Exit codes:\n  0   "), command + ": " + r.out());
            assertTrue(r.out().contains("\n  2   bad input or usage"), command + ": " + r.out());
            assertEquals(!command.equals("race"), r.out().contains("\n  3   "), command + ": " + r.out());
        }
    }

    private Path emptyJar() throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("README.txt"));
            out.write("nothing here".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
