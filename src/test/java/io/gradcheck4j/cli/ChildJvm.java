package io.gradcheck4j.cli;

import io.gradcheck4j.engine.LayerTypeProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * {@link Main#main} in a child JVM, never in the Surefire JVM (it exits, and user code may end or stall the JVM),
 * and the jar of user layers it is given with {@code --jar}.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** How a child run ended: its exit code, stdout and stderr. */
    record Run(int exit, String out, String err) {
    }

    /**
     * {@code java -Xmx128m -cp <this class path> io.gradcheck4j.cli.Main args}, its output in files under
     * {@code dir}, killed after two minutes.
     */
    static Run main(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the child JVM did not end: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Writes to {@code jar} the classes of {@code provider} (its own and its nested ones, {@code Provider*.class})
     * and the services file that registers it, and returns it. The provider is in no services file of the test
     * class path, so only a run given the jar sees its layer types.
     */
    static Path jar(Path jar, Class<? extends LayerTypeProvider> provider) throws IOException, URISyntaxException {
        Path classes = Path.of(provider.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve(provider.getPackageName().replace('.', '/'));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(provider.getSimpleName())).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + LayerTypeProvider.class.getName()));
            out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
