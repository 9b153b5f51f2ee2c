package io.gradcheck4j.cli;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Progress;
import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.engine.LayerType;
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
 * registered layer type (built-in, and those of {@code --jar}) on random samples, one case per sample. Exit
 * codes: 0 all passed, 1 a value or gradient is wrong or nothing was checked, 2 bad input or usage, 3 the check
 * could not complete ({@link Watchdog}).
 */
@Command(name = "gradcheck4j", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Proves backprop code correct: analytic gradients against finite differences and golden fixtures.",
                "Without a command: runs every fixture under --fixtures plus the layer contract of every registered layer type",
                "(gradients against finite differences, shapes, no mutation, re-entrancy, zero upstream, withParameters round trip)."},
        exitCodeListHeading = Execution.EXIT_HEADING,
        exitCodeList = {Execution.EXIT_OK, Execution.EXIT_FAILED, Execution.EXIT_BAD_INPUT, Execution.EXIT_INCOMPLETE},
        subcommands = {CheckCommand.class, LayersCommand.class, LayerCommand.class, SweepCommand.class, RaceCommand.class, ExplainCommand.class,
                MergeReportsCommand.class})
public final class Main implements Callable<Integer> {
    static final String VERSION = "gradcheck4j 0.1.0";
    /** The system property of the picocli type converters not to register (regular expressions of type names). */
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    /**
     * The converters of java.time and java.sql types, which no option has: picocli registers them through
     * reflection, loading some 80 JDK classes a run never uses.
     */
    private static final String UNUSED_CONVERTERS = "java\\.time\\..*,java\\.sql\\..*";

    @Spec
    CommandSpec spec;

    @Mixin
    CheckSettings settings;

    @Mixin
    UserCode userCode;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "Directory of fixture JSON files (default: ${DEFAULT-VALUE}, relative to the working directory).")
    Path fixtures = Path.of("fixtures");

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the random layer samples (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    /**
     * Runs the CLI and exits with its code: the only place that exits. When the command loads user code
     * ({@code --jar}), it runs in a child JVM ({@link Isolation}: user code cannot choose the exit code, not even
     * with {@code Runtime.halt}); gradcheck4j's own code runs in this JVM, saving a JVM start.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        String status = System.getProperty(Isolation.CHILD);
        if (status == null && loadsUserCode(args)) {
            System.exit(Isolation.parent(args, System.err));
        }
        if (status == null) {
            System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args).execute(args));
        }
        Isolation.reportProgress(Path.of(status));
        int code = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args).execute(args);
        Isolation.finished(Path.of(status), code);
        System.exit(code);
    }

    /** Whether the arguments load user code: {@code --jar JAR} or {@code --jar=JAR}. */
    static boolean loadsUserCode(String[] args) {
        for (String arg : args) {
            if (arg.equals("--jar") || arg.startsWith("--jar=")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The command line writing to {@code out} and {@code err}: usage errors and malformed fixtures print one
     * line (no stack trace unless {@code --verbose}) and give exit code 2.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configured(new CommandLine(new Main()), out, err);
    }

    /**
     * The command line that runs {@code args} as {@link #commandLine(PrintWriter, PrintWriter)} does. When the first
     * argument names a subcommand, picocli goes straight to it and never consults this command's options nor the
     * other subcommands: then the root holds that subcommand only, sparing a run picocli's reflection over the
     * rest (a tenth of a second of a fresh JVM).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        Command main = Main.class.getAnnotation(Command.class);
        for (Class<?> subcommand : main.subcommands()) {
            if (args.length > 0 && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                CommandLine root = new CommandLine(CommandSpec.create().name(main.name()));
                root.addSubcommand(args[0], new CommandLine(subcommand));
                return configured(root, out, err);
            }
        }
        return commandLine(out, err);
    }

    /**
     * {@code cl} writing to {@code out} and {@code err}, with the handlers of {@link #commandLine(PrintWriter, PrintWriter)};
     * its subcommands must be added already (picocli passes the settings down to those it has).
     */
    private static CommandLine configured(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("gradcheck4j: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return Execution.BAD_INPUT;
        });
        cl.setExecutionStrategy(parseResult -> {
            CommandLine.Model.OptionSpec timeout = last(parseResult).commandSpec().findOption(UserCode.TIMEOUT);
            CommandLine.IExecutionStrategy command = new CommandLine.RunLast();
            if (timeout == null) {
                return command.execute(parseResult);
            }
            long seconds = timeout.<Long>getValue();
            if (seconds < 0) {
                throw new CommandLine.ParameterException(last(parseResult).commandSpec().commandLine(),
                        UserCode.TIMEOUT + " must be >= 0 (0 for no limit), got " + seconds);
            }
            PrintWriter stderr = parseResult.commandSpec().commandLine().getErr();
            try (ProgressDisplay progress = ProgressDisplay.start(stderr, showsProgress(last(parseResult)))) {
                return Watchdog.run(seconds, stderr, progress, () -> command.execute(parseResult));
            } catch (CommandLine.ExecutionException | CommandLine.ParameterException e) {
                throw e;
            } catch (Exception e) {
                throw new CommandLine.ExecutionException(last(parseResult).commandSpec().commandLine(), e.toString(), e);
            }
        });
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            boolean verbose = parseResult.expandedArgs().contains("--verbose");
            if (e instanceof FixtureException || e instanceof LayerSource.BadInput || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("gradcheck4j: error: " + e.getMessage());
            } else if (e instanceof IOException io) {
                cmd.getErr().println("gradcheck4j: error: " + Execution.reason(io) + (io.getMessage() == null ? "" : " (" + io.getMessage() + ")"));
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

    /**
     * Whether the command shows the progress line: it has {@value CheckSettings#NO_PROGRESS}, not given, and
     * stderr is a terminal ({@link ProgressDisplay#stderrIsTerminal}).
     */
    private static boolean showsProgress(CommandLine.ParseResult command) {
        CommandLine.Model.OptionSpec noProgress = command.commandSpec().findOption(CheckSettings.NO_PROGRESS);
        return noProgress != null && !noProgress.<Boolean>getValue() && ProgressDisplay.stderrIsTerminal();
    }

    private static CommandLine.ParseResult last(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult p = parseResult;
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        return p;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GradientChecker checker = settings.checker(spec);
        LayerSource source = userCode.open();
        try {
            return run(checker, source, out, err);
        } finally {
            source.close();
        }
    }

    private int run(GradientChecker checker, LayerSource source, PrintWriter out, PrintWriter err) throws IOException {
        List<CaseResult> cases = new ArrayList<>();
        if (Files.isDirectory(fixtures)) {
            List<Path> files = FixtureLoader.fixtureFiles(fixtures);
            if (files.isEmpty()) {
                err.println("gradcheck4j: note: no fixture files (*.json) in " + fixtures + "; checking the layer types only");
            }
            List<Fixture> loaded = Execution.load(files, source.types(), err, settings.verbose);
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
        for (LayerType type : source.types().all()) {
            Progress.checking("layer type " + type.name());
            cases.addAll(battery.cases(type, seed));
        }
        RunReport run = new RunReport(seed, checker.options().tolerance().describe(), checker.options().relativeStep(), cases);
        return Execution.report(run, settings, out, err);
    }
}
