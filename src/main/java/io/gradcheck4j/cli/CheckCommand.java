package io.gradcheck4j.cli;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Mode;
import io.gradcheck4j.check.Shard;
import io.gradcheck4j.fixtures.Fixture;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.JsonReport;
import io.gradcheck4j.report.PartialReports;
import io.gradcheck4j.report.RunReport;
import io.gradcheck4j.report.TextReport;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gradcheck4j check FILE...}: runs the given fixture files (or every fixture in given directories). */
@Command(name = "check", mixinStandardHelpOptions = true, version = Main.VERSION,
        header = "Runs the given fixtures: engine == expected, analytic == finite differences.",
        description = "Runs the given fixtures: engine == expected values, and analytic gradients == finite differences.",
        exitCodeListHeading = Execution.EXIT_HEADING,
        exitCodeList = {Execution.EXIT_OK, Execution.EXIT_FAILED, Execution.EXIT_BAD_INPUT, Execution.EXIT_INCOMPLETE})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CheckSettings settings;

    @Mixin
    UserCode userCode;

    @Option(names = "--details", description = "Also print each fixture's per-quantity and per-tensor tables.")
    boolean details;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Check only shard I of N of every case's entries (full mode) and print a partial JSON report; "
                    + "merge-reports combines the N partial reports into the unsharded run's report.")
    String shard;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Fixture JSON files, or directories of them.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GradientChecker checker = settings.checker(spec);
        if (shard != null) {
            checker = sharded(checker);
        }
        List<Path> expanded = new ArrayList<>();
        for (Path p : files) {
            expanded.addAll(Files.isDirectory(p) ? FixtureLoader.fixtureFiles(p) : List.of(p));
        }
        if (expanded.isEmpty()) {
            err.println("gradcheck4j: error: nothing was checked: no fixture files (*.json) in " + String.join(", ", files.stream().map(Path::toString).toList()));
            err.flush();
            return Execution.FAILED;
        }
        LayerSource source = userCode.open();
        try {
            List<Fixture> fixtures = Execution.load(expanded, source.types(), err, settings.verbose);
            if (fixtures == null) {
                return Execution.BAD_INPUT;
            }
            List<CaseResult> cases = Execution.run(fixtures, checker);
            RunReport run = new RunReport(null, checker.options().tolerance().describe(), checker.options().relativeStep(), cases);
            if (shard != null) {
                out.print(JsonReport.text(PartialReports.partial(run, checker.shard().index(), checker.shard().count(),
                        checker.options().mismatchesPerTensor(), checker::worstRatio)));
                out.flush();
                return Execution.exitCode(run);
            }
            if (details && !settings.json) {
                cases.forEach(c -> out.println(TextReport.detail(c)));
            }
            return Execution.report(run, settings, out, err);
        } finally {
            source.close();
        }
    }

    /** The checker of {@code --shard I/N}; a malformed shard, or another mode than full, is a usage error. */
    private GradientChecker sharded(GradientChecker checker) {
        try {
            if (!(checker.options().mode() instanceof Mode.Full)) {
                throw new IllegalArgumentException("--shard splits a full check; got --mode " + settings.mode);
            }
            if (settings.html != null) {
                throw new IllegalArgumentException("--html is written by merge-reports, not by one shard");
            }
            return new GradientChecker(checker.options(), Shard.parse(shard));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid check option: " + e.getMessage());
        }
    }
}
