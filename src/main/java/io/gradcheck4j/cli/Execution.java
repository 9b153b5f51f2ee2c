package io.gradcheck4j.cli;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Progress;
import io.gradcheck4j.engine.LayerTypes;
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
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the commands share: loading fixtures (all errors first), running them, printing the report, writing
 * files, and the exit codes.
 */
final class Execution {
    /** Exit code: every check passed. */
    static final int OK = 0;
    /** Exit code: a gradient or expected value is wrong, a layer could not be checked, or nothing was checked. */
    static final int FAILED = 1;
    /** Exit code: bad input or usage. */
    static final int BAD_INPUT = 2;
    /** Exit code: the check could not complete (inconclusive entries, timeout, user code ended the JVM or crashed it). */
    static final int INCOMPLETE = 3;

    /** The exit codes as every command's {@code --help} lists them. */
    static final String EXIT_OK = "0:every check passed";
    /** See {@link #EXIT_OK}. */
    static final String EXIT_FAILED = "1:a check failed: a gradient or value is wrong (the entry is named), or nothing was checked";
    /** See {@link #EXIT_OK}. */
    static final String EXIT_BAD_INPUT = "2:bad input or usage (one line on stderr)";
    /** See {@link #EXIT_OK}. */
    static final String EXIT_INCOMPLETE = "3:the check could not complete: entries the finite difference cannot resolve (without --accept-inconclusive), --timeout, user code called System.exit or Runtime.halt, or ran out of memory or stack";
    /** The heading of the list. */
    static final String EXIT_HEADING = "%nExit codes:%n";

    private Execution() {
    }

    /**
     * Loads every file, resolving layer types through {@code types}; when any is malformed, prints one line per
     * bad file to {@code err} and returns null.
     */
    static List<Fixture> load(List<Path> files, LayerTypes types, PrintWriter err, boolean verbose) {
        FixtureLoader loader = new FixtureLoader(types);
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
        List<CaseResult> cases = new ArrayList<>();
        for (Fixture fixture : fixtures) {
            Progress.checking("fixture " + fixture.name());
            cases.add(runner.run(fixture));
        }
        return cases;
    }

    /**
     * Prints the run as a table or JSON, writes the HTML report when {@code settings} ask for one, and returns
     * the exit code (an unwritable HTML file is one line on {@code err} and exit 2).
     */
    static int report(RunReport run, CheckSettings settings, PrintWriter out, PrintWriter err) {
        out.print(settings.json ? JsonReport.run(run) : TextReport.run(run));
        out.flush();
        if (settings.html != null
                && !write(settings.html, html(run), "the HTML report",
                        settings.json ? err : out, err)) {
            return BAD_INPUT;
        }
        return exitCode(run);
    }

    /** The run as a self-contained HTML page. */
    static String html(RunReport run) {
        return new HtmlReport("gradcheck4j report").run(run).render();
    }

    /**
     * The one place a finished run becomes an exit code: {@value #OK} when it passed, {@value #INCOMPLETE} when
     * nothing failed but some entries could not be verified (INCONCLUSIVE, not accepted), else {@value #FAILED}.
     * A run that could not finish never gets here ({@link Watchdog} gives it {@value #INCOMPLETE}).
     */
    static int exitCode(RunReport run) {
        return run.passed() ? OK : run.onlyInconclusive() ? INCOMPLETE : FAILED;
    }

    /**
     * Writes {@code text} to {@code file} and prints {@code wrote FILE} on {@code out} (stderr under {@code --json},
     * so that stdout stays JSON); when that fails, prints one
     * line naming {@code what}, the file as given and the reason on {@code err}, and returns false.
     */
    static boolean write(Path file, String text, String what, PrintWriter out, PrintWriter err) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("gradcheck4j: error: cannot write " + what + " " + file + ": " + reason(e));
            err.flush();
            return false;
        }
        out.println("wrote " + file);
        out.flush();
        return true;
    }

    /** Why an I/O operation failed, in words: {@code is a directory}, {@code permission denied}, ... */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
