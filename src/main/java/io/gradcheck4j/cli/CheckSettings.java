package io.gradcheck4j.cli;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Tolerance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every checking command shares: finite-difference settings and output format. */
public final class CheckSettings {
    private static final CheckOptions DEFAULTS = CheckOptions.defaults();

    @Option(names = "--step", paramLabel = "H",
            description = "Relative finite-difference step: h = H * max(|v|, 1) (default: ${DEFAULT-VALUE}, the cube root of machine epsilon).")
    double step = CheckOptions.DEFAULT_STEP;

    @Option(names = "--atol", paramLabel = "A",
            description = "Absolute tolerance of analytic vs numeric: pass iff |a - n| <= A + R * |n| (default: ${DEFAULT-VALUE}).")
    double atol = 1e-5;

    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of analytic vs numeric (default: ${DEFAULT-VALUE}).")
    double rtol = 1e-3;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for finite differences (default: all cores, ${DEFAULT-VALUE}).")
    int threads = DEFAULTS.parallelism();

    @Option(names = "--json", description = "Print a machine-readable JSON report instead of the table.")
    boolean json;

    @Option(names = "--verbose", description = "On errors, also print the stack trace.")
    boolean verbose;

    /** The checker these options describe; invalid values are usage errors (exit 2). */
    GradientChecker checker(CommandSpec spec) {
        try {
            return new GradientChecker(new CheckOptions(step, Tolerance.absRel(atol, rtol), threads, DEFAULTS.mismatchesPerTensor()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid check option: " + e.getMessage());
        }
    }
}
