package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.report.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict accumulator of one tensor's compared entries (or probes), in order: counts of checked, FAIL,
 * NON_DIFFERENTIABLE and INCONCLUSIVE entries, the first mismatches of each kind, max |a - n| and the largest
 * CS231n relative error, and the worst entry by |a - n| / allowed under the options' {@link Tolerance}.
 */
final class Comparison {
    private final Variable variable;
    private final List<Finding> findings;
    private final Tolerance rule;
    private final int listed;
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final List<Mismatch> kinks = new ArrayList<>();
    private final List<Mismatch> unresolved = new ArrayList<>();
    private int checked;
    private int failures;
    private int nonDifferentiable;
    private int inconclusive;
    private int adaptive;
    private double worstStep = Double.NaN;
    private double maxAbs;
    private double maxRel;
    private double worstRatio = -1;
    private int[] worstIndex = new int[0];
    private double worstAnalytic;
    private double worstNumeric;
    private double worstEstimate = Double.NaN;

    private boolean nonFiniteReported;

    Comparison(Variable variable, CheckOptions options, List<Finding> findings) {
        this.variable = variable;
        this.findings = findings;
        this.rule = options.tolerance();
        this.listed = options.mismatchesPerTensor();
    }

    void add(int[] index, double a, NumericDerivative d) {
        add(index, a, d, null);
    }

    /**
     * Adds one entry: FAIL when the rule rejects it (or, at a kink, when a is outside the one-sided
     * derivatives, or {@code jointFailure} says the tied entries' joint direction rejects it), else
     * NON_DIFFERENTIABLE at a kink, INCONCLUSIVE when the estimate cannot resolve it, else PASS.
     */
    void add(int[] index, double a, NumericDerivative d, String jointFailure) {
        checked++;
        double n = d.value();
        if (!Double.isFinite(n) && !nonFiniteReported) {
            nonFiniteReported = true;
            findings.add(new Finding(Finding.Kind.NON_FINITE_NUMERIC, variable.location(), FindingMessages.nonFiniteNumeric(n, index)));
        }
        double estimate = d.errorEstimate();
        double abs = Math.abs(a - n);
        double rel = Errors.relativeError(a, n);
        double allowed = rule.allowed(a, n, estimate);
        if (!d.differentiable()) {
            String invalid = jointFailure != null ? jointFailure : Subgradients.outside(rule, a, d);
            if (invalid != null) {
                failures++;
                if (mismatches.size() < listed) {
                    mismatches.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                            Verdict.FAIL, invalid, d.step()));
                }
                return;
            }
            nonDifferentiable++;
            if (kinks.size() < listed) {
                kinks.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                        Verdict.NON_DIFFERENTIABLE, d.kink(), d.step()));
            }
            return;
        }
        double ratio = ratio(abs, allowed);
        if (ratio > worstRatio) {
            worstRatio = ratio;
            worstIndex = index;
            worstAnalytic = a;
            worstNumeric = n;
            worstEstimate = estimate;
            worstStep = d.step();
        }
        maxAbs = Double.isNaN(abs) || Double.isNaN(maxAbs) ? Double.NaN : Math.max(maxAbs, abs);
        maxRel = Double.isNaN(rel) || Double.isNaN(maxRel) ? Double.NaN : Math.max(maxRel, rel);
        if (!rule.accepts(a, n, estimate)) {
            failures++;
            if (mismatches.size() < listed) {
                mismatches.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                        Verdict.FAIL, "", d.step()));
            }
        } else if (Resolution.unresolved(a, n, estimate)) {
            inconclusive++;
            if (unresolved.size() < listed) {
                unresolved.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                        Verdict.INCONCLUSIVE, "", d.step()));
            }
        }
    }

    TensorReport report(Variable v, String method) {
        return new TensorReport(v.name(), v.location(), v.value().shape(), checked, failures, maxAbs, maxRel,
                worstIndex, worstAnalytic, worstNumeric, mismatches, worstEstimate, nonDifferentiable, kinks, method,
                inconclusive, unresolved, adaptive, worstStep);
    }

    /** Adds {@code entries} to the count of adaptive step searches. */
    void searched(int entries) {
        adaptive += entries;
    }

    int failures() {
        return failures;
    }

    int nonDifferentiable() {
        return nonDifferentiable;
    }

    int inconclusive() {
        return inconclusive;
    }

    /** |a - n| / allowed, with allowed at least the smallest normal double; infinite when |a - n| is NaN. */
    static double ratio(double abs, double allowed) {
        return Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs / Math.max(allowed, Double.MIN_NORMAL);
    }
}
