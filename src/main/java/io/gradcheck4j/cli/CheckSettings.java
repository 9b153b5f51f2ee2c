package io.gradcheck4j.cli;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Tolerance;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every checking command shares: finite-difference settings and output formats. */
public final class CheckSettings {
    private static final CheckOptions DEFAULTS = CheckOptions.defaults();
    /** The smallest sensible relative step: below it round-off swamps every difference. */
    static final double MIN_STEP = 1e-12;
    /** The largest sensible relative step: above it the difference no longer measures a derivative. */
    static final double MAX_STEP = 1e-1;

    @Option(names = "--step", paramLabel = "H",
            description = "Relative finite-difference step: h = H * max(|v|, 1) (default: ${DEFAULT-VALUE}, the cube root of machine epsilon).")
    double step = CheckOptions.DEFAULT_STEP;

    @Option(names = "--rule", paramLabel = "RULE",
            description = "Acceptance rule: error-aware (fail iff |a - n| > 10 * estimate + 1e-10 + 1e-7 * max(|a|, |n|), the estimate "
                    + "being the numeric value's own truncation + round-off error), pytorch (|a - n| <= atol + rtol * |n|) or "
                    + "dl4j (fail iff |a - n| / (|a| + |n|) > 1e-3 and |a - n| >= 1e-8) (default: ${DEFAULT-VALUE}).")
    String rule = "error-aware";

    @Option(names = "--atol", paramLabel = "A",
            description = "Absolute tolerance of the pytorch rule: pass iff |a - n| <= A + R * |n| (default: ${DEFAULT-VALUE}).")
    double atol = 1e-5;

    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of the pytorch rule (default: ${DEFAULT-VALUE}).")
    double rtol = 1e-3;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "Entries compared: full (every coordinate), sampled (--samples per tensor: first, last, extreme and "
                    + "seeded random ones) or fast (--probes random projections per tensor) (default: ${DEFAULT-VALUE}).")
    String mode = "full";

    @Option(names = "--samples", paramLabel = "K", description = "Entries per tensor in sampled mode (default: ${DEFAULT-VALUE}).")
    int samples = CheckOptions.DEFAULT_SAMPLES;

    @Option(names = "--probes", paramLabel = "P", description = "Random directions per tensor in fast mode (default: ${DEFAULT-VALUE}).")
    int probes = CheckOptions.DEFAULT_PROBES;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for finite differences (default: all cores, ${DEFAULT-VALUE}).")
    int threads = DEFAULTS.parallelism();

    @Option(names = "--accept-inconclusive",
            description = "Let entries the finite difference cannot resolve (INCONCLUSIVE: estimate above 1%% of the values compared, "
                    + "even at the adaptive step) pass; without it they make the run exit 3.")
    boolean acceptInconclusive;

    @Option(names = "--json", description = "Print a machine-readable JSON report instead of the table.")
    boolean json;

    @Option(names = "--verbose", description = "On errors, also print the stack trace.")
    boolean verbose;

    /** The option that turns the progress line off ({@link ProgressDisplay}). */
    static final String NO_PROGRESS = "--no-progress";

    @Option(names = NO_PROGRESS, description = "Do not show the progress line (on stderr, on a terminal only, once a check has run 1.5 s: "
            + "entries done of the total and the time left).")
    boolean noProgress;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report: the table, every problem, and the per-tensor details of failing cases.")
    Path html;

    /** The checker these options describe; invalid values are usage errors (exit 2) naming the option. */
    GradientChecker checker(CommandSpec spec) {
        require(spec, step >= MIN_STEP && step <= MAX_STEP,
                "--step must be between " + MIN_STEP + " and " + MAX_STEP + " (relative to max(|v|, 1)), got " + step);
        require(spec, atol >= 0 && Double.isFinite(atol), "--atol must be a finite number >= 0, got " + atol);
        require(spec, rtol >= 0 && Double.isFinite(rtol), "--rtol must be a finite number >= 0, got " + rtol);
        require(spec, samples >= 1, "--samples must be >= 1, got " + samples);
        require(spec, probes >= 1, "--probes must be >= 1, got " + probes);
        require(spec, threads >= 1, "--threads must be >= 1, got " + threads);
        try {
            Tolerance tolerance = switch (rule) {
                case "error-aware" -> Tolerance.errorAware();
                case "pytorch" -> Tolerance.absRel(atol, rtol);
                case "dl4j" -> Tolerance.dl4jDefault();
                default -> throw new IllegalArgumentException("--rule must be error-aware, pytorch or dl4j, got '" + rule + "'");
            };
            CheckOptions options = new CheckOptions(step, tolerance, threads, DEFAULTS.mismatchesPerTensor())
                    .withAcceptInconclusive(acceptInconclusive);
            return new GradientChecker(switch (mode) {
                case "full" -> options;
                case "sampled" -> options.sampled(samples);
                case "fast" -> options.fast(probes);
                default -> throw new IllegalArgumentException("--mode must be full, sampled or fast, got '" + mode + "'");
            });
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid check option: " + e.getMessage());
        }
    }

    private static void require(CommandSpec spec, boolean valid, String message) {
        if (!valid) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
