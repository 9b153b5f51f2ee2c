package io.gradcheck4j.report;

import java.util.Arrays;
import java.util.List;

/** Human-readable renderings: aligned tables, then one line per problem. */
public final class TextReport {
    /** The width the run table fits in (CI logs, terminals): the detail column is abbreviated to fit. */
    static final int WIDTH = 120;

    private TextReport() {
    }

    /**
     * One row per tensor (tensor, location, how it was checked, entries, non-differentiable entries, max abs
     * and rel error, worst index with analytic, numeric and the numeric error estimate, PASS/FAIL), then one
     * line per listed mismatch, per listed non-differentiable entry and per diagnostic finding.
     */
    public static String check(CheckReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(report.subject()).append("  (rule ").append(report.rule()).append(", step ")
                .append(Numbers.error(report.step())).append(", mode ").append(report.mode().text()).append(")\n");
        Table t = new Table(List.of("TENSOR", "LOCATION", "METHOD", "ENTRIES", "KINKS", "MAX ABS ERR", "MAX REL ERR", "WORST INDEX",
                        "ANALYTIC", "NUMERIC", "ESTIMATE", "RESULT"),
                false, false, false, true, true, true, true, false, true, true, true, false);
        for (TensorReport r : report.tensors()) {
            t.add(r.variable(), r.location(), r.method(), Integer.toString(r.checked()), Integer.toString(r.nonDifferentiable()),
                    Numbers.error(r.maxAbsError()), Numbers.error(r.maxRelError()), Arrays.toString(r.worstIndex()),
                    Numbers.exact(r.worstAnalytic()), Numbers.exact(r.worstNumeric()), Numbers.error(r.worstEstimate()),
                    r.result());
        }
        sb.append(t.render());
        for (Mismatch m : report.mismatches()) {
            sb.append(FailureMessages.entry(m)).append('\n');
        }
        for (Mismatch k : report.kinks()) {
            sb.append(FailureMessages.entry(k)).append('\n');
        }
        for (Mismatch u : report.unresolved()) {
            sb.append(FailureMessages.entry(u)).append('\n');
        }
        for (Finding f : report.findings()) {
            sb.append(f.isError() ? "" : "warning: ").append(FindingMessages.finding(f)).append('\n');
        }
        if (report.nothingChecked() != null) {
            sb.append(report.nothingChecked()).append('\n');
        }
        sb.append(report.passed() ? "PASS" : report.onlyInconclusive() ? "INCONCLUSIVE" : "FAIL").append(": ")
                .append(report.checked()).append(" entries checked, ").append(report.failures()).append(" mismatched");
        if (report.nonDifferentiable() > 0) {
            sb.append(", ").append(report.nonDifferentiable()).append(" non-differentiable");
        }
        if (report.inconclusive() > 0) {
            sb.append(", ").append(report.inconclusive()).append(" could not be verified (inconclusive)");
        }
        if (report.adaptive() > 0) {
            sb.append(", ").append(report.adaptive()).append(" at an adaptive step");
        }
        long errors = report.findings().stream().filter(Finding::isError).count();
        if (!report.findings().isEmpty()) {
            sb.append(", ").append(errors).append(" faults and ").append(report.findings().size() - errors).append(" warnings found");
        }
        sb.append('\n');
        return sb.toString();
    }

    /** The details of one case: its engine-vs-expected table, its finite-difference table, its problems. */
    public static String detail(CaseResult c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.name()).append(" (").append(c.kind().text()).append(", ").append(c.detail()).append(")\n");
        if (!c.expectations().isEmpty()) {
            Table t = new Table(List.of("QUANTITY", "ENTRIES", "MAX ABS ERR", "MAX REL ERR", "WORST INDEX", "EXPECTED", "ACTUAL", "RESULT"),
                    false, true, true, true, false, true, true, false);
            for (ValueComparison v : c.expectations()) {
                t.add(v.quantity(), Integer.toString(v.compared()), Numbers.error(v.maxAbsError()), Numbers.error(v.maxRelError()),
                        Arrays.toString(v.worstIndex()), Numbers.exact(v.worstExpected()), Numbers.exact(v.worstActual()),
                        v.passed() ? "PASS" : "FAIL");
            }
            sb.append("engine vs expected:\n").append(t.render());
        }
        if (c.check() != null) {
            sb.append("analytic vs finite differences: ").append(check(c.check()));
        }
        if (c.error() != null) {
            sb.append(FailureMessages.couldNotBeChecked(c.error())).append('\n');
        }
        return sb.toString();
    }

    /**
     * The run table (case, kind, detail, checks, max |engine - expected|, max |analytic - numeric|,
     * PASS/FAIL/ERROR) in at most {@value #WIDTH} columns (the detail abbreviated to fit), the problem lines of
     * failing cases, and a summary line.
     */
    public static String run(RunReport run) {
        StringBuilder sb = new StringBuilder();
        sb.append("gradcheck4j: finite differences with step ").append(Numbers.error(run.step()));
        if (run.seed() != null) {
            sb.append(", seed ").append(run.seed());
        }
        sb.append("\nrule: ").append(run.rule()).append("\n\n");
        Table t = new Table(List.of("CASE", "KIND", "DETAIL", "CHECKS", "ENGINE ERR", "GRADIENT ERR", "SECONDS", "RESULT"),
                false, false, false, true, true, true, true, false);
        for (CaseResult c : run.cases()) {
            t.add(cells(c).toArray(String[]::new));
        }
        sb.append(t.render(WIDTH, 2));
        sb.append("ENGINE ERR = max |engine - expected|, GRADIENT ERR = max |analytic - numeric|\n");
        List<String> problems = run.nothingChecked() != null ? List.of(run.nothingChecked())
                : run.cases().stream().flatMap(c -> c.problems().stream()).toList();
        if (!problems.isEmpty()) {
            sb.append('\n');
            problems.forEach(p -> sb.append("FAIL ").append(p).append('\n'));
        }
        List<String> warnings = run.cases().stream().flatMap(c -> c.warnings().stream()).toList();
        if (!warnings.isEmpty()) {
            sb.append('\n');
            warnings.forEach(w -> sb.append("warning ").append(w).append('\n'));
        }
        sb.append('\n').append(summary(run)).append('\n');
        return sb.toString();
    }

    /**
     * E.g. {@code PASS: 42 cases, 1234 checks, 42 passed, 0 failed, 1 non-differentiable entries}; a run whose only
     * problem is entries that could not be verified is {@code INCONCLUSIVE} and says how many.
     */
    public static String summary(RunReport run) {
        return (run.passed() ? "PASS" : run.onlyInconclusive() ? "INCONCLUSIVE" : "FAIL") + ": " + run.cases().size()
                + (run.cases().size() == 1 ? " case, " : " cases, ") + run.checks() + " checks, "
                + run.passedCount() + " passed, " + run.failedCount() + " failed, " + run.nonDifferentiableCount() + " non-differentiable entries"
                + (run.inconclusiveCount() > 0 ? ", " + run.inconclusiveCount() + " entries could not be verified (inconclusive)" : "");
    }

    /**
     * One row of a run's table: case, kind, detail, checks, max |engine - expected|, max |analytic - numeric|,
     * seconds of its checks, result.
     */
    static List<String> cells(CaseResult c) {
        return List.of(c.name(), c.kind().text(), c.detail(), Integer.toString(c.checks()),
                c.expectations().isEmpty() ? "-" : Numbers.error(c.maxExpectedError()),
                c.check() == null ? "-" : Numbers.error(c.maxCheckError()),
                Double.isNaN(c.seconds()) ? "-" : Numbers.format("%.3f", c.seconds()), status(c));
    }

    /** ERROR (the case could not be checked), PASS, INCONCLUSIVE (nothing failed, some entries not verified) or FAIL. */
    private static String status(CaseResult c) {
        if (c.error() != null) {
            return "ERROR";
        }
        return c.passed() ? "PASS" : c.onlyInconclusive() ? "INCONCLUSIVE" : "FAIL";
    }
}
