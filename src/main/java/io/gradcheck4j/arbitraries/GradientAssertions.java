package io.gradcheck4j.arbitraries;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.FailureMessages;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.TensorReport;

/**
 * Assertions for properties: {@code assertGradientsMatch(c)} checks every input and parameter gradient of
 * a {@link NetworkCase} against central differences (the default error-aware rule, one thread) and fails with
 * the mismatches and the case as a ready-to-save regression fixture. An entry whose stencil straddles a kink
 * (a ReLU input on or next to 0) is non-differentiable: counted in the report, never a failure.
 */
public final class GradientAssertions {
    /** The line that introduces the fixture JSON in a failure message. */
    static final String FIXTURE_HEADER = "regression fixture (save as fixtures/<name>.json):";
    private GradientAssertions() {
    }

    /** The options used by {@link #assertGradientsMatch(NetworkCase)}: the defaults on one thread. */
    public static CheckOptions propertyOptions() {
        return CheckOptions.defaults().withParallelism(1);
    }

    /** Runs the check of {@code c} with {@link #propertyOptions()}. */
    public static CheckReport check(NetworkCase c) {
        return new GradientChecker(propertyOptions()).check(c.function());
    }

    /** Fails unless every differentiable entry's gradient of {@code c} matches its finite difference. */
    public static void assertGradientsMatch(NetworkCase c) {
        CheckReport report = check(c);
        if (!report.passed()) {
            throw new AssertionError(describeFailure(c, report));
        }
    }

    /**
     * The failure message: the headline of {@link CheckReport#assertPassed()} with the rule, each failing tensor
     * with its listed mismatches, the inconclusive entries and error findings (worded by {@link FailureMessages}
     * and {@link FindingMessages}), then the fixture JSON.
     */
    public static String describeFailure(NetworkCase c, CheckReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(FailureMessages.checkFailed(c.toString(), report)).append(" (rule ").append(report.rule()).append(")\n");
        for (TensorReport t : report.tensors()) {
            if (!t.passed()) {
                sb.append("  ").append(FailureMessages.tensorFailed(t)).append('\n');
                for (Mismatch m : t.mismatches()) {
                    sb.append("    ").append(FailureMessages.entry(m)).append('\n');
                }
            }
            for (Mismatch m : t.unresolved()) {
                sb.append("    ").append(FailureMessages.entry(m)).append('\n');
            }
        }
        report.findings().stream().filter(Finding::isError).forEach(f -> sb.append("  ").append(FindingMessages.finding(f)).append('\n'));
        sb.append(FIXTURE_HEADER).append('\n')
                .append(RegressionFixture.json(c, "regression-case", "counterexample found by a gradcheck4j property"));
        return sb.toString();
    }
}
