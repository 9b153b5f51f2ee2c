package io.gradcheck4j.report;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The check of one tensor (the input or one parameter).
 *
 * @param variable          variable name, e.g. {@code layers.0.weight}
 * @param location          where it lives, e.g. {@code layer 0 (affine) parameter weight}
 * @param shape             its shape
 * @param checked           entries (or projection probes) compared
 * @param failures          entries rejected by the rule
 * @param maxAbsError       max |a - n| over differentiable entries
 * @param maxRelError       max |a - n| / max(|a|, |n|) over differentiable entries
 * @param worstIndex        the entry with the largest |a - n| / allowed (closest to, or furthest past, failing)
 * @param worstAnalytic     a at the worst entry
 * @param worstNumeric      n at the worst entry
 * @param mismatches        the first failing entries, in index order (at most the configured number)
 * @param worstEstimate     the numeric error estimate at the worst entry (NaN when unknown)
 * @param nonDifferentiable entries whose stencil straddles a kink (neither passed nor failed)
 * @param kinks             the first non-differentiable entries, in index order (at most the configured number)
 * @param method            how the tensor was checked, e.g. {@code full}, {@code sampled 20 of 600},
 *                          {@code fast: 3 probes}, {@code fast: probe 1 failed, full re-check}
 * @param inconclusive      entries the finite difference could not resolve ({@link Verdict#INCONCLUSIVE}: not verified)
 * @param unresolved        the first inconclusive entries, in index order (at most the configured number)
 * @param adaptive          entries whose estimate at the default step was not small, so an adaptive step was searched
 * @param worstStep         the absolute step used at the worst entry (NaN when unknown)
 */
public record TensorReport(String variable, String location, int[] shape, int checked, int failures,
                           double maxAbsError, double maxRelError, int[] worstIndex, double worstAnalytic,
                           double worstNumeric, List<Mismatch> mismatches, double worstEstimate,
                           int nonDifferentiable, List<Mismatch> kinks, String method,
                           int inconclusive, List<Mismatch> unresolved, int adaptive, double worstStep) {

    /** Defensive copies. */
    public TensorReport {
        shape = shape.clone();
        worstIndex = worstIndex.clone();
        mismatches = List.copyOf(mismatches);
        kinks = List.copyOf(kinks);
        unresolved = List.copyOf(unresolved);
    }

    /** A report without inconclusive entries or adaptive steps. */
    public TensorReport(String variable, String location, int[] shape, int checked, int failures,
                        double maxAbsError, double maxRelError, int[] worstIndex, double worstAnalytic,
                        double worstNumeric, List<Mismatch> mismatches, double worstEstimate,
                        int nonDifferentiable, List<Mismatch> kinks, String method) {
        this(variable, location, shape, checked, failures, maxAbsError, maxRelError, worstIndex, worstAnalytic,
                worstNumeric, mismatches, worstEstimate, nonDifferentiable, kinks, method, 0, List.of(), 0, Double.NaN);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] worstIndex() {
        return worstIndex.clone();
    }

    /** Whether no entry failed (non-differentiable and inconclusive entries do not fail). */
    public boolean passed() {
        return failures == 0;
    }

    /** PASS, FAIL, or INCONCLUSIVE when nothing failed but some entries could not be verified. */
    public String result() {
        return failures > 0 ? "FAIL" : inconclusive > 0 ? "INCONCLUSIVE" : "PASS";
    }

    /**
     * Equal reports of the same check: every component equal, the arrays by their entries and the numbers as
     * {@link Double#compare} sees them (NaN equals NaN).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorReport t && variable.equals(t.variable) && location.equals(t.location)
                && Arrays.equals(shape, t.shape) && checked == t.checked && failures == t.failures
                && Double.compare(maxAbsError, t.maxAbsError) == 0 && Double.compare(maxRelError, t.maxRelError) == 0
                && Arrays.equals(worstIndex, t.worstIndex) && Double.compare(worstAnalytic, t.worstAnalytic) == 0
                && Double.compare(worstNumeric, t.worstNumeric) == 0 && mismatches.equals(t.mismatches)
                && Double.compare(worstEstimate, t.worstEstimate) == 0 && nonDifferentiable == t.nonDifferentiable
                && kinks.equals(t.kinks) && method.equals(t.method) && inconclusive == t.inconclusive
                && unresolved.equals(t.unresolved) && adaptive == t.adaptive && Double.compare(worstStep, t.worstStep) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(variable, location, Arrays.hashCode(shape), checked, failures, maxAbsError, maxRelError,
                Arrays.hashCode(worstIndex), worstAnalytic, worstNumeric, mismatches, worstEstimate, nonDifferentiable,
                kinks, method, inconclusive, unresolved, adaptive, worstStep);
    }
}
