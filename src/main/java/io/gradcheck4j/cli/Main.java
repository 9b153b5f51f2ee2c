package io.gradcheck4j.cli;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.fixtures.Fixture;
import io.gradcheck4j.fixtures.FixtureException;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code gradcheck4j} command. Without a subcommand it runs the main job: every fixture under
 * {@code --fixtures} (default {@code ./fixtures}) and the layer contract ({@link LayerChecks}) of every
 * registered layer type on random samples, one case per sample. Exit codes: 0 all passed, 1 a value or gradient is wrong, 2 bad input or usage.
 */
@Command(name = "gradcheck4j", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Proves backprop code correct: analytic gradients against finite differences and golden fixtures.",
                "Without a command: runs every fixture under --fixtures plus the layer contract of every registered layer type",
                "(gradients against finite differences, shapes, no mutation, re-entrancy, zero upstream, withParameters round trip).",
                "Exit codes: 0 all passed, 1 a value or gradient is wrong (the entry is named), 2 bad input or usage."},
        subcommands = {CheckCommand.class, LayersCommand.class, LayerCommand.class, SweepCommand.class, RaceCommand.class, ExplainCommand.class,
                MergeReportsCommand.class})
public final class Main implements Callable<Integer> {
    static final String VERSION = "gradcheck4j 0.1.0";

    @Spec
    CommandSpec spec;

    @Mixin
    CheckSettings settings;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "Directory of fixture JSON files (default: ${DEFAULT-VALUE}, relative to the working directory).")
    Path fixtures = Path.of("fixtures");

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the random layer samples (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    /** Runs the CLI and exits with its code: the only place that exits. */
    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /**
     * The command line writing to {@code out} and {@code err}: usage errors and malformed fixtures print one
     * line (no stack trace unless {@code --verbose}) and give exit code 2.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("gradcheck4j: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return Execution.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            boolean verbose = parseResult.expandedArgs().contains("--verbose");
            if (e instanceof FixtureException || e instanceof IOException || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("gradcheck4j: error: " + e.getMessage());
            } else {
                cmd.getErr().println("gradcheck4j: internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
            }
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return Execution.BAD_INPUT;
        });
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GradientChecker checker = settings.checker(spec);
        List<CaseResult> cases = new ArrayList<>();
        if (Files.isDirectory(fixtures)) {
            List<Path> files = FixtureLoader.fixtureFiles(fixtures);
            if (files.isEmpty()) {
                err.println("gradcheck4j: note: no fixture files (*.json) in " + fixtures + "; checking the layer types only");
            }
            List<Fixture> loaded = Execution.load(files, err, settings.verbose);
            if (loaded == null) {
                return Execution.BAD_INPUT;
            }
            cases.addAll(Execution.run(loaded, checker));
        } else if (spec.commandLine().getParseResult().hasMatchedOption("--fixtures")) {
            err.println("gradcheck4j: error: no fixtures directory at " + fixtures.toAbsolutePath());
            return Execution.BAD_INPUT;
        } else {
            err.println("gradcheck4j: note: no fixtures directory at " + fixtures.toAbsolutePath()
                    + " (run from the project root or pass --fixtures DIR); checking the layer types only");
        }
        err.flush();
        LayerChecks battery = new LayerChecks(checker);
        for (LayerType type : LayerTypes.builtIn().all()) {
            cases.addAll(battery.cases(type, seed));
        }
        RunReport run = new RunReport(seed, checker.options().tolerance().describe(), checker.options().relativeStep(), cases);
        return Execution.report(run, settings, out, err);
    }
}
