package io.gradcheck4j.report;

/** What a check concluded about one entry (or one projection probe). */
public enum Verdict {
    /** The analytic value agrees with the numeric one under the rule. */
    PASS,
    /** The analytic value disagrees with the numeric one beyond the rule: a wrong gradient. */
    FAIL,
    /**
     * The finite-difference stencil straddles a kink (a branch pattern changed between its points, or the
     * one-sided differences disagree by O(1) even at a smaller step): there is no derivative to compare,
     * so the entry neither passes nor fails.
     */
    NON_DIFFERENTIABLE
}
