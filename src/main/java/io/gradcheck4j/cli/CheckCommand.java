package io.gradcheck4j.cli;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.fixtures.Fixture;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.RunReport;
import io.gradcheck4j.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Fixture JSON files, or directories of them.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GradientChecker checker = settings.checker(spec);
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
            if (details && !settings.json) {
                cases.forEach(c -> out.println(TextReport.detail(c)));
            }
            return Execution.report(run, settings, out, err);
        } finally {
            source.close();
        }
    }
}
