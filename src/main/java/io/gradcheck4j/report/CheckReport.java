package io.gradcheck4j.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of checking one function: a {@link TensorReport} per variable, the rule that judged them and
 * the diagnostics' {@link Finding}s.
 *
 * @param subject  what was checked, e.g. {@code affine -> sigmoid | half_squared_error}
 * @param rule     the tolerance rule, e.g. {@code |a - n| <= 1e-05 + 0.001 * |n|}
 * @param step     the relative finite-difference step
 * @param tensors  one report per variable (empty when a finding made the comparison impossible)
 * @param mode     how entries were chosen: {@code FULL}, {@code SAMPLED} or {@code FAST}
 * @param findings faults found by the diagnostics (mutation, nondeterminism, re-entrancy, shapes, NaN, precision)
 * @param acceptInconclusive whether inconclusive entries may pass (by default they make the check not pass)
 */
public record CheckReport(String subject, String rule, double step, List<TensorReport> tensors, String mode,
                          List<Finding> findings, boolean acceptInconclusive) {

    /** Copies the lists. */
    public CheckReport {
        tensors = List.copyOf(tensors);
        findings = List.copyOf(findings);
    }

    /** A report that does not accept inconclusive entries. */
    public CheckReport(String subject, String rule, double step, List<TensorReport> tensors, String mode, List<Finding> findings) {
        this(subject, rule, step, tensors, mode, findings, false);
    }

    /** A full-mode report without findings (the original form). */
    public CheckReport(String subject, String rule, double step, List<TensorReport> tensors) {
        this(subject, rule, step, tensors, "FULL", List.of());
    }

    /**
     * Whether every compared entry of every tensor passed (or was non-differentiable), no finding is an error,
     * and no entry is inconclusive (unless {@code acceptInconclusive}).
     */
    public boolean passed() {
        return failedNothing() && (acceptInconclusive || inconclusive() == 0);
    }

    /** Whether no entry failed and no finding is an error (inconclusive entries aside). */
    public boolean failedNothing() {
        return tensors.stream().allMatch(TensorReport::passed) && findings.stream().noneMatch(Finding::isError);
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
