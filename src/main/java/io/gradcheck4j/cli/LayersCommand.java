package io.gradcheck4j.cli;

import io.gradcheck4j.engine.LayerType;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gradcheck4j layers [--jar JAR]}: the registered layer types, one per line, with their kinks flag. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        header = "Lists the registered layer types and whether each has kinks.",
        description = {"Lists the registered layer types (built-ins, and those a jar registers in",
                "META-INF/services/io.gradcheck4j.engine.LayerTypeProvider) and whether each has kinks."},
        exitCodeListHeading = Execution.EXIT_HEADING,
        exitCodeList = {"0:listed", Execution.EXIT_BAD_INPUT, "3:the jar's code did not complete: --timeout, System.exit, out of memory or stack"})
public final class LayersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    UserCode userCode;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LayerSource source = userCode.open();
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
