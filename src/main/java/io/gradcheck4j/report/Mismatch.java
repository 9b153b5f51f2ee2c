package io.gradcheck4j.report;

import java.util.Arrays;

/**
 * One entry whose analytic and numeric derivatives disagree beyond the tolerance.
 *
 * @param variable  variable name, e.g. {@code layers.0.weight}
 * @param location  where it lives, e.g. {@code layer 0 (affine) parameter weight}
 * @param index     multi-index of the entry
 * @param analytic  the backward rule's value a
 * @param numeric   the finite-difference value n
 * @param absError  |a - n|
 * @param relError  |a - n| / max(|a|, |n|) (0 when both are 0)
 * @param allowed   the largest |a - n| the tolerance accepts here
 */
public record Mismatch(String variable, String location, int[] index, double analytic, double numeric,
                       double absError, double relError, double allowed) {

    /** Defensive copy of the index. */
    public Mismatch {
        index = index.clone();
    }

    @Override
    public int[] index() {
        return index.clone();
    }

    /** One line: {@code gradient mismatch for <location> at index [i, j]: analytic a, numeric n, ...}. */
    public String message() {
        return String.format("gradient mismatch for %s at index %s: analytic %.10g, numeric %.10g, |a - n| = %.3g > allowed %.3g (relative error %.3g)",
                location, Arrays.toString(index), analytic, numeric, absError, allowed, relError);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mismatch m && variable.equals(m.variable) && Arrays.equals(index, m.index)
                && Double.compare(analytic, m.analytic) == 0 && Double.compare(numeric, m.numeric) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * variable.hashCode() + Arrays.hashCode(index);
    }

    @Override
    public String toString() {
        return message();
    }
}
