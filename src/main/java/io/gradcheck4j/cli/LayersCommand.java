package io.gradcheck4j.cli;

import io.gradcheck4j.engine.LayerType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcheck4j layers [--jar JAR]}: the registered layer types, one per line, with their kinks flag. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        header = "Lists the registered layer types and whether each has kinks.",
        description = {"Lists the registered layer types (built-ins, and those a jar registers in",
                "META-INF/services/io.gradcheck4j.engine.LayerTypeProvider) and whether each has kinks."})
public final class LayersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jar", paramLabel = "JAR", description = "Also list the layer types registered in this jar.")
    Path jar;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LayerSource source;
        try {
            source = LayerSource.open(jar);
        } catch (LayerSource.BadInput e) {
            spec.commandLine().getErr().println("gradcheck4j layers: error: " + e.getMessage());
            return Execution.BAD_INPUT;
        }
        try {
            for (String name : source.types().names()) {
                LayerType type = source.types().find(name).orElseThrow();
                out.printf("%-28s %s%n", name, type.hasKinks() ? "kinks" : "smooth");
            }
            out.flush();
            return Execution.OK;
        } finally {
            source.close();
        }
    }
}
