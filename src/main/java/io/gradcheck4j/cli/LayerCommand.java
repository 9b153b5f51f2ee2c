package io.gradcheck4j.cli;

import io.gradcheck4j.contract.BatteryResult;
import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.engine.LayerType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck4j layer NAME} and {@code gradcheck4j layer --jar my-layers.jar com.acme.MyLayer}: runs the
 * whole layer contract ({@link LayerChecks}) on one layer type. Exit codes: 0 every check passed, 1 a check
 * failed (the mismatch report is printed), 2 bad input (one line on stderr).
 */
@Command(name = "layer", mixinStandardHelpOptions = true,
        header = "Runs the layer contract on one layer type (registered, or a class in a jar).",
        description = {"Runs the layer contract on one layer type: gradients against finite differences, gradient shapes,",
                "no mutation of arguments, re-entrancy, zero upstream gives zero gradients, withParameters round trip.",
                "TARGET is a registered type name, or (with --jar) a class in the jar: a LayerTypeProvider, a LayerType,",
                "or a Layer with a public no-arg constructor (then --input-shape is required).",
                "Exit codes: 0 all checks passed, 1 a check failed, 2 bad input."})
public final class LayerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Registered layer type name or fully qualified class name.")
    String target;

    @Option(names = "--jar", paramLabel = "JAR", description = "Jar holding the layer class or its registration.")
    Path jar;

    @Option(names = "--input-shape", paramLabel = "DIMS", split = ",",
            description = "Input shape for a bare Layer class, e.g. 2,3 (batch 2, width 3).")
    int[] inputShape;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the samples and upstream gradients (default: ${DEFAULT-VALUE}).")
    long seed = 20261123L;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LayerSource source = null;
        try {
            source = LayerSource.open(jar);
            List<LayerType> types = source.resolve(target, inputShape);
            int failed = 0;
            int total = 0;
            for (LayerType type : types) {
                out.println("layer type " + type.name() + (type.hasKinks() ? " (kinks)" : " (smooth)") + ", seed " + seed);
                for (BatteryResult r : LayerChecks.withDefaults().run(type, seed)) {
                    total++;
                    out.println("  " + r.line());
                    if (!r.passed()) {
                        failed++;
                        r.detail().lines().skip(1).forEach(line -> out.println("    " + line));
                    }
                }
            }
            out.println((failed == 0 ? "PASSED" : "FAILED") + ": " + (total - failed) + " of " + total + " checks passed");
            out.flush();
            return failed == 0 ? Execution.OK : Execution.FAILED;
        } catch (LayerSource.BadInput e) {
            err.println("gradcheck4j layer: error: " + e.getMessage());
            err.flush();
            return Execution.BAD_INPUT;
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }
}
