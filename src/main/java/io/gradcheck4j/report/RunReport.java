package io.gradcheck4j.report;

import java.util.List;

/**
 * A whole run of the command line: every case with the settings it ran under.
 *
 * @param seed  the seed of the layer battery's random samples (null when the battery did not run)
 * @param rule  the finite-difference acceptance rule, e.g. {@code |a - n| <= 1e-05 + 0.001 * |n|}
 * @param step  the relative finite-difference step
 * @param cases the cases in run order
 */
public record RunReport(Long seed, String rule, double step, List<CaseResult> cases) {

    /** Copies the list. */
    public RunReport {
        cases = List.copyOf(cases);
    }

    /** Whether there is at least one case and every case passed (each compared at least one entry). */
    public boolean passed() {
        return nothingChecked() == null && cases.stream().allMatch(CaseResult::passed);
    }

    /** {@code nothing was checked: the run has no cases} for a run without cases, else null. */
    public String nothingChecked() {
        return cases.isEmpty() ? "nothing was checked: the run has no cases" : null;
    }

    /** Entries over all cases whose stencil straddled a kink (neither passed nor failed). */
    public long nonDifferentiableCount() {
        return cases.stream().mapToLong(CaseResult::nonDifferentiable).sum();
    }

    /** Entries over all cases that the finite difference could not resolve (not verified). */
    public long inconclusiveCount() {
        return cases.stream().mapToLong(CaseResult::inconclusive).sum();
    }

    /** Whether the run did not pass only because some entries could not be verified (nothing failed). */
    public boolean onlyInconclusive() {
        return !passed() && cases.stream().allMatch(c -> c.passed() || c.onlyInconclusive())
                && cases.stream().anyMatch(CaseResult::onlyInconclusive);
    }

    /** Cases that passed. */
    public long passedCount() {
        return cases.stream().filter(CaseResult::passed).count();
    }

    /** Cases that failed. */
    public long failedCount() {
        return cases.size() - passedCount();
    }

    /** Elements compared over all cases. */
    public long checks() {
        return cases.stream().mapToLong(CaseResult::checks).sum();
    }
}
