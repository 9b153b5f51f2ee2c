package io.gradcheck4j.cli;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.fixtures.Fixture;
import io.gradcheck4j.fixtures.FixtureException;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.fixtures.FixtureRunner;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.HtmlReport;
import io.gradcheck4j.report.JsonReport;
import io.gradcheck4j.report.RunReport;
import io.gradcheck4j.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the commands share: loading fixtures (all errors first), running them, printing the report. */
final class Execution {
    /** Exit code: every check passed. */
    static final int OK = 0;
    /** Exit code: a gradient or expected value is wrong, or a layer could not be checked. */
    static final int FAILED = 1;
    /** Exit code: bad input or usage. */
    static final int BAD_INPUT = 2;
    /** Exit code: the check could not complete (e.g. entries the finite difference cannot resolve, without --accept-inconclusive). */
    static final int INCOMPLETE = 3;

    private Execution() {
    }

    /**
     * Loads every file; when any is malformed, prints one line per bad file to {@code err} and returns null.
     */
    static List<Fixture> load(List<Path> files, PrintWriter err, boolean verbose) {
        FixtureLoader loader = new FixtureLoader();
        List<Fixture> fixtures = new ArrayList<>();
        boolean bad = false;
        for (Path file : files) {
            try {
                fixtures.add(loader.load(file));
            } catch (FixtureException e) {
                bad = true;
                err.println("gradcheck4j: error: " + e.getMessage());
                if (verbose) {
                    e.printStackTrace(err);
                }
            }
        }
        return bad ? null : fixtures;
    }

    /** Runs the fixtures with {@code checker}. */
    static List<CaseResult> run(List<Fixture> fixtures, GradientChecker checker) {
        FixtureRunner runner = new FixtureRunner(checker);
        return fixtures.stream().map(runner::run).toList();
    }

    /**
     * Prints the run as a table or JSON, writes the HTML report when {@code settings} ask for one, and returns
     * the exit code (an unwritable HTML file is one line on {@code err} and exit 2).
     */
    static int report(RunReport run, CheckSettings settings, PrintWriter out, PrintWriter err) {
        out.print(settings.json ? JsonReport.run(run) : TextReport.run(run));
        out.flush();
        if (settings.html != null) {
            try {
                Files.writeString(settings.html, new HtmlReport("gradcheck4j: " + TextReport.summary(run)).run(run).render(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("gradcheck4j: error: cannot write the HTML report " + settings.html + " (" + e.getClass().getSimpleName() + ")");
                err.flush();
                return BAD_INPUT;
            }
        }
        return run.passed() ? OK : run.onlyInconclusive() ? INCOMPLETE : FAILED;
    }
}
