package io.gradcheck4j.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry that did not pass: its analytic and numeric derivatives disagree beyond the rule
 * ({@link Verdict#FAIL}), or its stencil straddles a kink ({@link Verdict#NON_DIFFERENTIABLE}).
 *
 * @param variable      variable name, e.g. {@code layers.0.weight}
 * @param location      where it lives, e.g. {@code layer 0 (affine) parameter weight}
 * @param index         multi-index of the entry (empty for a projection probe of a whole tensor)
 * @param analytic      the backward rule's value a
 * @param numeric       the finite-difference value n (Richardson-extrapolated)
 * @param absError      |a - n|
 * @param relError      |a - n| / max(|a|, |n|) (0 when both are 0)
 * @param allowed       the largest |a - n| the rule accepts here
 * @param errorEstimate the estimated error of n itself (truncation + round-off), NaN when unknown
 * @param verdict       FAIL or NON_DIFFERENTIABLE
 * @param note          why, for a non-differentiable entry (e.g. which layer changed branch) or a kink whose
 *                      analytic value is not a valid subgradient; empty otherwise
 * @param step          the absolute step h of the finite difference (the adaptive search's when it ran), NaN when unknown
 */
public record Mismatch(String variable, String location, int[] index, double analytic, double numeric,
                       double absError, double relError, double allowed, double errorEstimate,
                       Verdict verdict, String note, double step) {

    /** Defensive copy of the index. */
    public Mismatch {
        index = index.clone();
    }

    @Override
    public int[] index() {
        return index.clone();
    }

    /**
     * One line, worded by {@link FailureMessages#entry}: {@code gradient mismatch for <location> at index [i, j]:
     * analytic a, numeric n, ...}, {@code not differentiable: ...} for a kink, {@code gradient mismatch for ...:
     * not a valid subgradient at the kink: ...} for a wrong value at a kink, or {@code could not be verified: ...}
     * for an inconclusive entry.
     */
    public String message() {
        return FailureMessages.entry(this);
    }

    /** Equal entries: every component equal, the index by its entries and the numbers as {@link Double#compare} sees them. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mismatch m && variable.equals(m.variable) && location.equals(m.location) && Arrays.equals(index, m.index)
                && Double.compare(analytic, m.analytic) == 0 && Double.compare(numeric, m.numeric) == 0
                && Double.compare(absError, m.absError) == 0 && Double.compare(relError, m.relError) == 0
                && Double.compare(allowed, m.allowed) == 0 && Double.compare(errorEstimate, m.errorEstimate) == 0
                && verdict == m.verdict && note.equals(m.note) && Double.compare(step, m.step) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(variable, location, Arrays.hashCode(index), analytic, numeric, absError, relError, allowed,
                errorEstimate, verdict, note, step);
    }

    @Override
    public String toString() {
        return message();
    }
}
