package io.gradcheck4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs user code: the jar that holds it, and how long it may run before
 * the check is abandoned (exit 3, see {@link Watchdog}).
 */
final class UserCode {
    /** The option the {@link Watchdog} reads. */
    static final String TIMEOUT = "--timeout";

    @Option(names = "--jar", paramLabel = "JAR",
            description = "A jar of your own layers: the layer types it registers in META-INF/services/io.gradcheck4j.engine.LayerTypeProvider "
                    + "join the built-in ones (for fixtures and the layer contract), and its classes can be named.")
    Path jar;

    @Option(names = TIMEOUT, paramLabel = "SECONDS",
            description = "Give up after SECONDS (exit 3, naming the layer and the entry being evaluated); 0 for no limit (default: ${DEFAULT-VALUE}).")
    long timeout = 600;

    /** The layer types of the built-ins and of {@code --jar}; the caller closes it. */
    LayerSource open() {
        return LayerSource.open(jar);
    }
}
