package io.gradcheck4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * The result of checking one function: a {@link TensorReport} per variable, the rule that judged them and
 * the diagnostics' {@link Finding}s.
 *
 * @param subject  what was checked, e.g. {@code affine -> sigmoid | half_squared_error}
 * @param rule     the tolerance rule, e.g. {@code |a - n| <= 1e-05 + 0.001 * |n|}
 * @param step     the relative finite-difference step
 * @param tensors  one report per variable (empty when a finding made the comparison impossible)
 * @param mode     how entries were chosen: {@code FULL}, {@code SAMPLED} or {@code FAST}, with the text a reader sees
 * @param findings faults found by the diagnostics (mutation, nondeterminism, re-entrancy, shapes, NaN, precision)
 * @param acceptInconclusive whether inconclusive entries may pass (by default they make the check not pass)
 */
public record CheckReport(String subject, String rule, double step, List<TensorReport> tensors, CheckedMode mode,
                          List<Finding> findings, boolean acceptInconclusive) {

    /** How many mismatches {@link #assertPassed()} lists at most. */
    public static final int ASSERTED_MISMATCHES = 5;

    /** Copies the lists. */
    public CheckReport {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        tensors = List.copyOf(tensors);
        findings = List.copyOf(findings);
    }

    /** A report that does not accept inconclusive entries. */
    public CheckReport(String subject, String rule, double step, List<TensorReport> tensors, CheckedMode mode, List<Finding> findings) {
        this(subject, rule, step, tensors, mode, findings, false);
    }

    /**
     * Whether at least one entry was compared, every compared entry of every tensor passed (or was
     * non-differentiable), no finding is an error, and no entry is inconclusive (unless
     * {@code acceptInconclusive}): a check that compared nothing is not a pass.
     */
    public boolean passed() {
        return nothingChecked() == null && failedNothing() && (acceptInconclusive || inconclusive() == 0);
    }

    /**
     * Whether the check did not pass only because some entries could not be verified: entries were compared,
     * none failed, no finding is an error, and at least one is inconclusive (not accepted).
     */
    public boolean onlyInconclusive() {
        return !passed() && nothingChecked() == null && failedNothing() && inconclusive() > 0;
    }

    /** Whether no entry failed and no finding is an error (inconclusive entries aside). */
    private boolean failedNothing() {
        return tensors.stream().allMatch(TensorReport::passed) && findings.stream().noneMatch(Finding::isError);
    }

    /**
     * Why no entry was compared, e.g. {@code nothing was checked: input [0, 3] has no entries}, or null when
     * at least one entry was.
     */
    public String nothingChecked() {
        if (checked() > 0) {
            return null;
        }
        return FailureMessages.nothingChecked(tensors);
    }

    /**
     * Throws unless {@link #passed()} (which needs at least one compared entry). The message is a headline
     * ({@code gradient check failed: <subject>: f of n entries fail}), then the worst listed mismatches first
     * (largest |a - n| / allowed), up to {@value #ASSERTED_MISMATCHES}, each naming its location (for a
     * Jacobian: output i with respect to input x), index, analytic and numeric values and the bound, then the
     * error findings.
     *
     * @throws AssertionFailedError when the check failed or compared nothing
     */
    public void assertPassed() {
        if (passed()) {
            return;
        }
        StringBuilder message = new StringBuilder(FailureMessages.checkFailed(subject, this));
        mismatches().stream()
                .sorted(Comparator.comparingDouble((Mismatch m) -> Double.isNaN(m.absError()) ? Double.NEGATIVE_INFINITY
                        : -m.absError() / Math.max(m.allowed(), Double.MIN_NORMAL)))
                .limit(ASSERTED_MISMATCHES)
                .forEach(m -> message.append(System.lineSeparator()).append("  ").append(FailureMessages.entry(m)));
        findings.stream().filter(Finding::isError)
                .forEach(f -> message.append(System.lineSeparator()).append("  ").append(FindingMessages.finding(f)));
        throw new AssertionFailedError(message.toString());
    }

    /** Entries the finite difference could not resolve ({@link Verdict#INCONCLUSIVE}) in total. */
    public int inconclusive() {
        return tensors.stream().mapToInt(TensorReport::inconclusive).sum();
    }

    /** Entries whose step came from the adaptive search, in total. */
    public int adaptive() {
        return tensors.stream().mapToInt(TensorReport::adaptive).sum();
    }

    /** Every listed inconclusive entry, tensor by tensor. */
    public List<Mismatch> unresolved() {
        List<Mismatch> all = new ArrayList<>();
        tensors.forEach(t -> all.addAll(t.unresolved()));
        return all;
    }

    /** Entries compared in total. */
    public int checked() {
        return tensors.stream().mapToInt(TensorReport::checked).sum();
    }

    /** Failing entries in total. */
    public int failures() {
        return tensors.stream().mapToInt(TensorReport::failures).sum();
    }

    /** Non-differentiable entries (stencils straddling a kink) in total. */
    public int nonDifferentiable() {
        return tensors.stream().mapToInt(TensorReport::nonDifferentiable).sum();
    }

    /** Every listed mismatch, tensor by tensor. */
    public List<Mismatch> mismatches() {
        List<Mismatch> all = new ArrayList<>();
        tensors.forEach(t -> all.addAll(t.mismatches()));
        return all;
    }

    /** Every listed non-differentiable entry, tensor by tensor. */
    public List<Mismatch> kinks() {
        List<Mismatch> all = new ArrayList<>();
        tensors.forEach(t -> all.addAll(t.kinks()));
        return all;
    }
}
