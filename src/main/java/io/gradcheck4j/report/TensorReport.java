package io.gradcheck4j.report;

import java.util.Arrays;
import java.util.List;

/**
 * The check of one tensor (the input or one parameter).
 *
 * @param variable      variable name, e.g. {@code layers.0.weight}
 * @param location      where it lives, e.g. {@code layer 0 (affine) parameter weight}
 * @param shape         its shape
 * @param checked       entries compared
 * @param failures      entries rejected by the tolerance
 * @param maxAbsError   max |a - n|
 * @param maxRelError   max |a - n| / max(|a|, |n|)
 * @param worstIndex    the entry with the largest |a - n| / allowed (closest to, or furthest past, failing)
 * @param worstAnalytic a at the worst entry
 * @param worstNumeric  n at the worst entry
 * @param mismatches    the first failing entries, in index order (at most the configured number)
 */
public record TensorReport(String variable, String location, int[] shape, int checked, int failures,
                           double maxAbsError, double maxRelError, int[] worstIndex, double worstAnalytic,
                           double worstNumeric, List<Mismatch> mismatches) {

    /** Defensive copies. */
    public TensorReport {
        shape = shape.clone();
        worstIndex = worstIndex.clone();
        mismatches = List.copyOf(mismatches);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] worstIndex() {
        return worstIndex.clone();
    }

    /** Whether every entry passed. */
    public boolean passed() {
        return failures == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorReport t && variable.equals(t.variable) && checked == t.checked && failures == t.failures
                && Arrays.equals(worstIndex, t.worstIndex) && Double.compare(maxAbsError, t.maxAbsError) == 0
                && mismatches.equals(t.mismatches);
    }

    @Override
    public int hashCode() {
        return variable.hashCode() * 31 + failures;
    }
}
