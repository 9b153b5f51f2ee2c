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
    NON_DIFFERENTIABLE,
    /**
     * The finite difference cannot resolve this entry: even at the best step of the adaptive search its error
     * estimate e exceeds 1% of the values compared, e &gt; 0.01 &middot; max(|a|, |n|) + 1e-6 (see
     * {@code io.gradcheck4j.check.Resolution}), so the rule's bound (10 e for the error-aware rule) would also
     * accept values 10% off or of the wrong sign. The entry was not verified: a check with such entries does
     * not pass unless the options accept them.
     */
    INCONCLUSIVE
}
