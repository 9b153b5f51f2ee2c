package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code layers} and {@code layer}, including a user's jar compiled by this test and loaded at run time. */
class LayerCommandTest {
    private static final Map<String, String> SOURCES = Map.of(
            "com/acme/Cube.java", """
                    package com.acme;
                    import io.gradcheck4j.engine.*;
                    import io.gradcheck4j.tensor.Tensor;
                    /** y = x^3, dx = 3 x^2 dy. */
                    public final class Cube implements Layer {
                        public String type() { return "acme_cube"; }
                        public Tensor forward(Tensor x) { return x.map(v -> v * v * v); }
                        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                            return LayerGradients.ofInput(x.zip(dy, (v, g) -> 3 * v * v * g));
                        }
                    }
                    """,
            "com/acme/WrongCube.java", """
                    package com.acme;
                    import io.gradcheck4j.engine.*;
                    import io.gradcheck4j.tensor.Tensor;
                    /** y = x^3 with the wrong dx = x^2 dy (forgot the factor 3). */
                    public final class WrongCube implements Layer {
                        public String type() { return "acme_wrong_cube"; }
                        public Tensor forward(Tensor x) { return x.map(v -> v * v * v); }
                        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                            return LayerGradients.ofInput(x.zip(dy, (v, g) -> v * v * g));
                        }
                    }
                    """,
            "com/acme/AcmeLayers.java", """
                    package com.acme;
                    import io.gradcheck4j.contract.LayerClassType;
                    import io.gradcheck4j.engine.*;
                    import java.util.List;
                    /** Registers acme_cube, checked on [2, 3] inputs. */
                    public final class AcmeLayers implements LayerTypeProvider {
                        public List<LayerType> layerTypes() { return List.of(new LayerClassType(Cube::new, 2, 3)); }
                    }
                    """);

    @TempDir
    static Path dir;
    private static Path jar;

    @BeforeAll
    static void buildTheUsersJar() throws IOException, URISyntaxException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        Files.createDirectories(classes);
        String library = Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", library));
        SOURCES.keySet().forEach(k -> args.add(src.resolve(k).toString()));
        assertEquals(0, javac.run(null, OutputStream.nullOutputStream(), System.err, args.toArray(String[]::new)));
        jar = dir.resolve("my-layers.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.gradcheck4j.engine.LayerTypeProvider"));
            out.write("com.acme.AcmeLayers\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void layersListsTheRegisteredTypesWithTheirKinksFlag() {
        // WHEN the types are listed
        Run r = run("layers");

        // THEN affine is smooth and relu has kinks
        assertEquals(0, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("affine\\s+smooth")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("relu\\s+kinks")), r.out());
    }

    @Test
    void layersWithAJarAddsTheTypesItRegisters() {
        Run r = run("layers", "--jar", jar.toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("acme_cube\\s+smooth")), r.out());
    }

    @Test
    void aRegisteredTypePassesTheWholeContract() {
        // WHEN the contract runs on relu by name
        Run r = run("layer", "relu");

        // THEN every check passes
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS " + io.gradcheck4j.contract.LayerChecks.GRADIENTS), r.out());
        assertTrue(r.out().contains("PASSED"), r.out());
    }

    @Test
    void aCorrectLayerClassFromAJarPasses() {
        Run r = run("layer", "--jar", jar.toString(), "com.acme.Cube", "--input-shape", "2,3");
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @Test
    void aWrongLayerClassFromAJarFailsWithTheMismatchReport() {
        // GIVEN a jar whose WrongCube forgets the factor 3 of d(x^3)/dx
        // WHEN the contract runs on it
        Run r = run("layer", "--jar", jar.toString(), "com.acme.WrongCube", "--input-shape", "2,3");

        // THEN exit 1, and the report names the failing check and entries (analytic = numeric / 3)
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL " + io.gradcheck4j.contract.LayerChecks.GRADIENTS), r.out());
        assertTrue(r.out().contains("gradient mismatch for input at index"), r.out());
        assertTrue(r.out().contains("FAILED"), r.out());
    }

    @Test
    void aTypeRegisteredInTheJarOrItsProviderClassCanBeCheckedToo() {
        assertEquals(0, run("layer", "--jar", jar.toString(), "acme_cube").exit());
        assertEquals(0, run("layer", "--jar", jar.toString(), "com.acme.AcmeLayers").exit());
    }

    @Test
    void layerTakesTheCheckOptionsOfCheck() throws Exception {
        // GIVEN the pytorch rule with atol 1e-6, sampled mode with 2 samples per tensor, one thread, seed 3
        // WHEN the contract of relu runs with --json
        Run r = run("layer", "relu", "--rule", "pytorch", "--atol", "1e-6", "--mode", "sampled", "--samples", "2", "--threads", "1",
                "--seed", "3", "--json");

        // THEN the JSON run report carries that rule, that seed, and every case was checked in sampled mode
        assertEquals(0, r.exit(), r.out() + r.err());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("|a - n| <= 1.0E-6 + 0.001 * |n|", json.get("rule").asText());
        assertEquals(3, json.get("seed").asLong());
        assertTrue(json.get("results").size() > 0, r.out());
        for (com.fasterxml.jackson.databind.JsonNode c : json.get("results")) {
            assertTrue(c.get("name").asText().startsWith("relu #"), c.toString());
            assertTrue(c.get("check").get("mode").asText().startsWith("SAMPLED (2 per tensor"), c.toString());
        }
    }

    @Test
    void layerWritesAnHtmlReportAndSaysSo() throws IOException {
        // GIVEN a report file
        Path html = dir.resolve("cube.html");
        // WHEN the contract of the jar's cube runs with --html
        Run r = run("layer", "--jar", jar.toString(), "acme_cube", "--html", html.toString());
        // THEN the text verdicts, then "wrote FILE"; the page names the cases
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASSED"), r.out());
        assertTrue(r.out().strip().endsWith("wrote " + html), r.out());
        assertTrue(Files.readString(html).contains("acme_cube #1"), Files.readString(html));
    }

    @Test
    void anInputWithoutEntriesFailsSayingNothingWasChecked() {
        // GIVEN the jar's Cube (no parameters) on inputs of shape [0, 3]
        // WHEN the contract runs
        Run r = run("layer", "--jar", jar.toString(), "com.acme.Cube", "--input-shape", "0,3");
        // THEN exit 1, the gradient check saying what was empty (today: PASSED, 0 entries match)
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  FAIL " + io.gradcheck4j.contract.LayerChecks.GRADIENTS + " [")
                && l.endsWith("]: nothing was checked: input [0, 3] has no entries")), r.out());
        assertTrue(r.out().contains("FAILED"), r.out());
    }

    @Test
    void badInputGivesExitTwoAndOneLine() {
        // WHEN the target, the jar or the input shape is missing
        Run unknown = run("layer", "no_such_layer");
        Run noJar = run("layer", "--jar", dir.resolve("missing.jar").toString(), "com.acme.Cube");
        Run noShape = run("layer", "--jar", jar.toString(), "com.acme.Cube");

        // THEN each exits 2 with a single line naming the problem
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("'no_such_layer' is neither a registered layer type"), unknown.err());
        assertEquals(2, noJar.exit());
        assertTrue(noJar.err().contains("no jar file at"), noJar.err());
        assertEquals(2, noShape.exit());
        assertTrue(noShape.err().contains("--input-shape"), noShape.err());
        for (Run r : List.of(unknown, noJar, noShape)) {
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void anInputShapeForARegisteredTypeIsAUsageErrorNotIgnored() {
        // GIVEN relu, a registered type that draws its own samples, and an input shape with no entries
        // WHEN the contract is asked to run on that shape
        Run r = run("layer", "relu", "--input-shape", "0,3");
        // THEN exit 2 and one line: the shape would otherwise be ignored and the samples reported as passed
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("gradcheck4j: error: --input-shape applies to a Layer class only; the registered layer type relu draws its own samples",
                r.err().strip());
    }
}
