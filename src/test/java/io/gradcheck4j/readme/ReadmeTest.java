package io.gradcheck4j.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gradcheck4j.cli.Main;
import io.gradcheck4j.readme.Readme.Command;
import io.gradcheck4j.readme.Readme.FileBlock;
import io.gradcheck4j.readme.Readme.Script;
import io.gradcheck4j.readme.Readme.Snippet;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md is documentation that runs: every java snippet compiles against the build, every command exits as
 * documented and prints what the README shows (conventions in {@link Readme}).
 *
 * <p>Commands run in a child process, literally, with {@code bash} in a scratch directory holding a copy of
 * {@code fixtures/}, the files the README defines ({@code readme: file}), and a {@code target/gradcheck4j.jar} that
 * stands in for the shaded jar, which does not exist before {@code package}: a manifest-only jar whose
 * {@code Main-Class} is {@link Main} and whose {@code Class-Path} is this build's main classes and runtime libraries
 * (not the test classes, whose service files register test layer types). {@code target/gradcheck4j} is a launcher
 * script calling it. So {@code java -jar target/gradcheck4j.jar ...} and {@code javac -cp target/gradcheck4j.jar}
 * work as a reader types them.
 */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final List<String> FRAGMENT_IMPORTS = List.of("java.util", "java.util.function", "java.util.stream",
            "java.nio.file", "org.junit.jupiter.api", "net.jqwik.api", "net.jqwik.api.constraints");
    private static final Pattern TYPE = Pattern.compile("(?m)^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");

    @TempDir
    static Path work;
    private static Readme readme;
    private static final Map<String, Run> RUNS = new HashMap<>();

    private record Run(int exit, String out, String err) {}

    @BeforeAll
    static void scratchDirectory() throws Exception {
        readme = Readme.parse(README);
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            for (Path f : files.toList()) {
                Files.copy(f, work.resolve(f.toString()));
            }
        }
        for (Readme.Example e : readme.examples()) {
            if (e instanceof FileBlock f) {
                Path file = work.resolve(f.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.content());
            }
        }
        Path target = Files.createDirectories(work.resolve("target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, runtimeClassPath().stream()
                .map(p -> p.toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve("gradcheck4j.jar")), manifest)) {
            jar.flush();
        }
        Path launcher = target.resolve("gradcheck4j");
        Files.writeString(launcher, "#!/bin/sh\nexec java -jar \"$(dirname \"$0\")/gradcheck4j.jar\" \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void readmeHasExamplesOfEveryKind() {
        // GIVEN README.md  WHEN parsed  THEN it holds snippets, commands with output, a build script and files
        List<Readme.Example> all = readme.examples();
        assertTrue(all.stream().filter(Snippet.class::isInstance).count() >= 5, all.toString());
        assertTrue(all.stream().anyMatch(e -> e instanceof Command c && c.output().isPresent() && c.exit() == 1), all.toString());
        assertTrue(all.stream().anyMatch(e -> e instanceof Command c && c.synopsis()), all.toString());
        assertTrue(all.stream().anyMatch(Script.class::isInstance), all.toString());
        assertTrue(all.stream().anyMatch(e -> e instanceof FileBlock f && f.path().contains("META-INF/services/")), all.toString());
    }

    @Test
    void everyJavaSnippetCompilesAgainstTheBuild() throws Exception {
        // GIVEN every java block of README.md, fragments wrapped in a method, classes without imports given the defaults
        List<JavaFileObject> units = new ArrayList<>();
        List<String> packages = new ArrayList<>(projectPackages());
        readme.examples().stream().filter(Snippet.class::isInstance).map(e -> PACKAGE.matcher(((Snippet) e).code()))
                .filter(Matcher::find).map(m -> m.group(1)).distinct().forEach(packages::add);
        for (Readme.Example e : readme.examples()) {
            if (e instanceof Snippet s) {
                units.add(unit(s, packages));
            }
        }
        // WHEN compiled together against the test class path
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createDirectories(work.resolve("snippet-classes"));
        boolean ok = compiler.getTask(new StringWriter(), null, diagnostics,
                List.of("-proc:none", "-d", classes.toString(), "-cp", String.join(File.pathSeparator, testClassPath())),
                null, units).call();
        // THEN no error
        String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                .collect(Collectors.joining("\n"));
        assertTrue(ok, "README snippets (named README-line-N) do not compile:\n" + errors);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandExitsAndPrintsAsDocumented() {
        // GIVEN the scratch directory  WHEN each script and command runs, in README order
        // THEN it exits as documented, prints what the README shows, and a synopsis names only existing options
        return readme.examples().stream().filter(e -> e instanceof Script || e instanceof Command).map(e -> {
            if (e instanceof Script s) {
                return DynamicTest.dynamicTest("line " + s.line() + ": script", () -> {
                    Run run = bash(s.text(), true);
                    assertEquals(0, run.exit(), "README.md line " + s.line() + ": script failed:\n" + run.out() + run.err());
                });
            }
            Command c = (Command) e;
            return DynamicTest.dynamicTest("line " + c.line() + ": " + c.text(), () -> {
                if (c.synopsis()) {
                    checkSynopsis(c);
                    return;
                }
                Run run = RUNS.containsKey(c.text()) ? RUNS.get(c.text()) : bash(c.text(), false);
                RUNS.put(c.text(), run);
                assertEquals(c.exit(), run.exit(), "README.md line " + c.line() + ": `" + c.text() + "` exit code\nstdout:\n"
                        + run.out() + "\nstderr:\n" + run.err());
                c.output().ifPresent(expected -> assertTrue(Readme.matches(expected, run.out()),
                        "README.md line " + c.line() + ": `" + c.text() + "` prints\n" + run.out() + "\nbut the README shows\n" + expected));
                assertFalse(run.err().contains("internal error"), run.err());
            });
        });
    }

    @Test
    void outputPatternsMatchWhatTheyShowAndNothingElse() {
        // GIVEN an expected block with a number placeholder, an in-line ellipsis and a skipped line run
        String expected = "total <n> s\n  first ... last\n...\nEND";
        // THEN
        assertTrue(Readme.matches(expected, "total 1.5e-3 s\n  first a b c last\nx\ny\nEND\n"));
        assertTrue(Readme.matches(expected, "total 12,000 s\n  first  last\nEND"));
        assertFalse(Readme.matches(expected, "total abc s\n  first a last\nEND"));
        assertFalse(Readme.matches(expected, "total 1 s\n  first a last\nEND\nmore"));
        assertFalse(Readme.matches(expected, "total 1 s\nfirst a last\nEND"));
    }

    @Test
    void theParserTellsCommandsSynopsesFilesScriptsAndOutputsApart() throws Exception {
        // GIVEN a small README with each kind of example
        Path md = Files.writeString(work.resolve("SAMPLE.md"), String.join("\n",
                "Run `mvn -q package && java -jar target/gradcheck4j.jar` or `java -jar target/gradcheck4j.jar sweep FIXTURE`, see `target/gradcheck4j ...`.",
                "<!-- readme: file src/A.java -->", "```java", "class A {}", "```",
                "<!-- readme: given Tensor x -->", "```java", "x.sum();", "```",
                "<!-- readme: run -->", "```", "javac -d classes src/A.java", "```",
                "<!-- readme: exit 1 -->", "```", "$ java -jar target/gradcheck4j.jar layer x   # comment", "mvn -B verify", "```",
                "<!-- readme: output -->", "```", "FAIL <n>", "```", ""));
        // WHEN parsed
        List<Readme.Example> e = Readme.parse(md).examples();
        // THEN in order: the main job, two synopses, the file (also a snippet), the fragment, the script, the command with its exit and output
        assertEquals(8, e.size(), e.toString());
        assertEquals(new Command(1, "java -jar target/gradcheck4j.jar", false, 0, java.util.Optional.empty()), e.get(0));
        assertTrue(((Command) e.get(1)).synopsis() && ((Command) e.get(2)).synopsis(), e.toString());
        assertEquals("src/A.java", ((FileBlock) e.get(3)).path());
        assertEquals("class A {}\n", ((Snippet) e.get(4)).code());
        assertEquals(java.util.Optional.of("Tensor x"), ((Snippet) e.get(5)).given());
        assertEquals("javac -d classes src/A.java\n", ((Script) e.get(6)).text());
        assertEquals(new Command(16, "java -jar target/gradcheck4j.jar layer x", false, 1, java.util.Optional.of("FAIL <n>\n")), e.get(7));
    }

    private static void checkSynopsis(Command c) throws Exception {
        List<String> words = List.of(c.text().replaceFirst("^(java -jar target/gradcheck4j\\.jar|target/gradcheck4j)", "").strip().split("\\s+"));
        String sub = words.get(0).matches("[a-z]+") ? words.get(0) : "";
        Run help = bash("java -jar target/gradcheck4j.jar " + sub + " --help", false);
        assertEquals(0, help.exit(), help.err());
        Matcher option = Pattern.compile("--[a-z][a-z-]*").matcher(c.text());
        while (option.find()) {
            assertTrue(help.out().contains(option.group()), "README.md line " + c.line() + ": `" + c.text() + "` names "
                    + option.group() + ", which `" + sub + " --help` does not list:\n" + help.out());
        }
    }

    private static Run bash(String command, boolean errexit) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder("bash", errexit ? "-ec" : "-c", command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("`" + command + "` did not end within 10 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static JavaFileObject unit(Snippet s, List<String> packages) {
        String code = s.code();
        Matcher type = TYPE.matcher(code);
        Matcher pkg = PACKAGE.matcher(code);
        String imports = packages.stream().map(p -> "import " + p + ".*;").collect(Collectors.joining(" "));
        String name;
        String pkgName;
        if (s.given().isPresent() || !type.find()) {
            pkgName = "readme.line" + s.line();
            name = "Snippet";
            code = "package " + pkgName + "; " + imports + " class Snippet { void run(" + s.given().orElse("")
                    + ") throws Exception {\n" + code + "\n} }";
        } else if (pkg.find()) {
            pkgName = pkg.group(1);
            name = type.group(1);
        } else {
            pkgName = "readme.line" + s.line();
            name = type.group(1);
            boolean hasImports = Pattern.compile("(?m)^import ").matcher(code).find();
            code = "package " + pkgName + "; " + (hasImports ? "" : imports) + "\n" + code;
        }
        String source = code;
        return new SimpleJavaFileObject(java.net.URI.create("string:///" + pkgName.replace('.', '/') + "/" + name
                + ".java?README-line-" + s.line()), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    /** Every package of the main classes, and the usual JDK and test-library ones. */
    private static List<String> projectPackages() throws IOException, URISyntaxException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> packages = new ArrayList<>(FRAGMENT_IMPORTS);
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).map(f -> classes.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
                    .distinct().sorted().forEach(packages::add);
        }
        return packages;
    }

    /** The test class path, also when surefire hands it over as a manifest-only jar. */
    private static List<String> testClassPath() throws IOException {
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            try (JarFile jar = new JarFile(entries.get(0))) {
                String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (classPath != null) {
                    List<String> expanded = new ArrayList<>();
                    for (String url : classPath.split(" ")) {
                        expanded.add(Path.of(java.net.URI.create(new URL(new File(entries.get(0)).toURI().toURL(), url).toString())).toString());
                    }
                    return expanded;
                }
            }
        }
        return entries;
    }

    /** The test class path less the test classes: what the shaded jar holds. */
    private static List<Path> runtimeClassPath() throws IOException {
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        return testClassPath().stream().map(p -> Path.of(p).toAbsolutePath()).filter(p -> !p.equals(testClasses)).toList();
    }
}
