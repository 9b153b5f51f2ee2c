package io.gradcheck4j.cli;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Progress;
import io.gradcheck4j.contract.BatteryResult;
import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.RunReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck4j layer NAME} and {@code gradcheck4j layer --jar my-layers.jar com.acme.MyLayer}: runs the
 * whole layer contract ({@link LayerChecks}) on one layer type, its gradient check under the options of
 * {@code check} ({@link CheckSettings}). Exit codes: 0 every check passed, 1 a check failed (the mismatch
 * report is printed) or nothing was checked, 2 bad input (one line on stderr), 3 the check could not complete.
 */
@Command(name = "layer", mixinStandardHelpOptions = true,
        header = "Runs the layer contract on one layer type (registered, or a class in a jar).",
        description = {"Runs the layer contract on one layer type: gradients against finite differences, gradient shapes,",
                "no mutation of arguments, re-entrancy, zero upstream gives zero gradients, withParameters round trip.",
                "TARGET is a registered type name, or (with --jar) a class in the jar: a LayerTypeProvider, a LayerType,",
                "or a Layer with a public no-arg constructor (then --input-shape is required)."},
        exitCodeListHeading = Execution.EXIT_HEADING,
        exitCodeList = {Execution.EXIT_OK, Execution.EXIT_FAILED, Execution.EXIT_BAD_INPUT, Execution.EXIT_INCOMPLETE})
public final class LayerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CheckSettings settings;

    @Mixin
    UserCode userCode;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Registered layer type name or fully qualified class name.")
    String target;

    @Option(names = "--input-shape", paramLabel = "DIMS", split = ",",
            description = "Input shape for a bare Layer class, e.g. 2,3 (batch 2, width 3).")
    int[] inputShape;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the samples and upstream gradients (default: ${DEFAULT-VALUE}).")
    long seed = 20261123L;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (inputShape != null && Arrays.stream(inputShape).anyMatch(d -> d < 0)) {
            throw new LayerSource.BadInput("--input-shape " + String.join(",", Arrays.stream(inputShape).mapToObj(Integer::toString).toList())
                    + ": every dimension must be >= 0");
        }
        GradientChecker checker = settings.checker(spec);
        LayerChecks battery = new LayerChecks(checker);
        LayerSource source = userCode.open();
        try {
            List<LayerType> types = source.resolve(target, inputShape);
            if (settings.json) {
                return Execution.report(run(types, battery, checker), settings, out, err);
            }
            int code = lines(types, battery, out);
            if (settings.html != null && !Execution.write(settings.html, Execution.html(run(types, battery, checker)), "the HTML report", out, err)) {
                return Execution.BAD_INPUT;
            }
            return code;
        } finally {
            source.close();
        }
    }

    /** The battery as cases of a run (for JSON and HTML; the HTML report of a text run checks the layer again). */
    private RunReport run(List<LayerType> types, LayerChecks battery, GradientChecker checker) {
        List<CaseResult> cases = new ArrayList<>();
        for (LayerType type : types) {
            Progress.checking("layer type " + type.name());
            cases.addAll(battery.cases(type, seed));
        }
        return new RunReport(seed, checker.options().tolerance().describe(), checker.options().relativeStep(), cases);
    }

    /** The battery's verdicts one line each (the failures with their report); the exit code. */
    private int lines(List<LayerType> types, LayerChecks battery, PrintWriter out) {
        int failed = 0;
        int total = 0;
        for (LayerType type : types) {
            Progress.checking("layer type " + type.name());
            out.println("layer type " + type.name() + (type.hasKinks() ? " (kinks)" : " (smooth)") + ", seed " + seed);
            for (BatteryResult r : battery.run(type, seed)) {
                total++;
                out.println("  " + r.line());
                if (!r.passed()) {
                    failed++;
                    r.detail().lines().skip(1).forEach(line -> out.println("    " + line));
                }
            }
        }
        if (total == 0) {
            out.println("FAILED: nothing was checked: " + target + " provides no layer types");
            out.flush();
            return Execution.FAILED;
        }
        out.println((failed == 0 ? "PASSED" : "FAILED") + ": " + (total - failed) + " of " + total + " checks passed");
        out.flush();
        return failed == 0 ? Execution.OK : Execution.FAILED;
    }
}
