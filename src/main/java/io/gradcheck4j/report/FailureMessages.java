package io.gradcheck4j.report;

import java.util.Arrays;
import java.util.List;

/**
 * The one wording of every failure of a comparison (AssertJ's "one message factory per failure kind"): each
 * method turns a record ({@link Mismatch}, {@link TensorReport}, {@link CheckReport}, {@link ValueMismatch}) or
 * the numbers of one kind of failure into its line, so the text report, {@link CheckReport#assertPassed()},
 * the layer contract and the property assertions say the same thing for the same failure. Values are printed
 * with 10 significant digits, errors and bounds with 3; a Jacobian's location reads {@code output i with
 * respect to input x}, so a mismatch line names the output, the input and the entry (PyTorch's "Jacobian
 * mismatch for output i with respect to input j").
 */
public final class FailureMessages {
    private FailureMessages() {
    }

    /** The line of a listed entry, by its verdict: {@link #nonDifferentiable}, {@link #inconclusive}, {@link #invalidSubgradient} or {@link #gradientMismatch}. */
    public static String entry(Mismatch m) {
        if (m.verdict() == Verdict.NON_DIFFERENTIABLE) {
            return nonDifferentiable(m);
        }
        if (m.verdict() == Verdict.INCONCLUSIVE) {
            return inconclusive(m);
        }
        return m.note().isEmpty() ? gradientMismatch(m) : invalidSubgradient(m);
    }

    /**
     * A FAIL where f is differentiable: {@code gradient mismatch for <location> at index [i, j]: analytic a,
     * numeric n, |a - n| = d > allowed t (relative error r, numeric error estimate e[, step h])}.
     */
    public static String gradientMismatch(Mismatch m) {
        return Numbers.format("gradient mismatch for %s at index %s: analytic %.10g, numeric %.10g, |a - n| = %.3g > allowed %.3g (relative error %.3g, numeric error estimate %.3g%s)",
                m.location(), Arrays.toString(m.index()), m.analytic(), m.numeric(), m.absError(), m.allowed(), m.relError(),
                m.errorEstimate(), Double.isNaN(m.step()) ? "" : Numbers.format(", step %.3g", m.step()));
    }

    /** A FAIL at a kink: {@code gradient mismatch for <location> at index [i, j]: <note>}, the note from {@link #outsideOneSided} or its kin. */
    public static String invalidSubgradient(Mismatch m) {
        return Numbers.format("gradient mismatch for %s at index %s: %s", m.location(), Arrays.toString(m.index()), m.note());
    }

    /** A stencil across a kink: {@code not differentiable: <location> at index [i, j]: <note> (analytic a, numeric n)}. */
    public static String nonDifferentiable(Mismatch m) {
        return Numbers.format("not differentiable: %s at index %s: %s (analytic %.10g, numeric %.10g)",
                m.location(), Arrays.toString(m.index()), m.note(), m.analytic(), m.numeric());
    }

    /**
     * An entry the step cannot resolve: {@code could not be verified: <location> at index [i, j]: the finite
     * difference cannot resolve this entry (estimate e against |analytic| |a|; numeric n at step h)}.
     */
    public static String inconclusive(Mismatch m) {
        return Numbers.format("could not be verified: %s at index %s: the finite difference cannot resolve this entry (estimate %.3g against |analytic| %.3g; numeric %.10g at step %.3g)",
                m.location(), Arrays.toString(m.index()), m.errorEstimate(), Math.abs(m.analytic()), m.numeric(), m.step());
    }

    /** The note of a kink found by branch patterns: {@code <stage> changes branch within the stencil}, e.g. stage {@code layer 1 (relu)}. */
    public static String branchChange(String stage) {
        return stage + " changes branch within the stencil";
    }

    /** The note of a kink of a black box: {@code one-sided differences disagree (forward f, backward b) at every step}. */
    public static String oneSidedDisagree(double forward, double backward) {
        return Numbers.format("one-sided differences disagree (forward %.6g, backward %.6g) at every step", forward, backward);
    }

    /** The kinks a layer battery sets aside: {@code k entries straddle a kink (non-differentiable, not counted)} (1 entry straddles). */
    public static String kinksNotCounted(int kinks) {
        return kinks + (kinks == 1 ? " entry straddles" : " entries straddle") + " a kink (non-differentiable, not counted)";
    }

    /** The note of a value outside the one-sided derivatives [l, r] at a kink: {@code not a valid subgradient at the kink: one-sided derivatives [l, r], analytic a}. */
    public static String outsideOneSided(double lower, double upper, double analytic) {
        return Numbers.format("not a valid subgradient at the kink: one-sided derivatives [%.10g, %.10g], analytic %.10g", lower, upper, analytic);
    }

    /** The note of tied entries whose joint direction u is smooth: {@code not a valid subgradient at the kink: along <u> the derivative is d, analytic <a, u> p}. */
    public static String outsideAlong(String direction, double derivative, double projected) {
        return Numbers.format("not a valid subgradient at the kink: along %s the derivative is %.10g, analytic <a, u> %.10g", direction, derivative, projected);
    }

    /** The note of tied entries whose joint direction u has a kink: {@code not a valid subgradient at the kink: along <u> one-sided derivatives [l, r], analytic <a, u> p}. */
    public static String outsideAlongOneSided(String direction, double lower, double upper, double projected) {
        return Numbers.format("not a valid subgradient at the kink: along %s one-sided derivatives [%.10g, %.10g], analytic <a, u> %.10g",
                direction, lower, upper, projected);
    }

    /** How many compared entries failed: {@code f of n entries fail}. */
    public static String entriesFail(int failures, int checked) {
        return failures + " of " + checked + " entries fail";
    }

    /** One failing tensor: {@code <location>: f of n entries fail, max |a - n| = d} (d in full). */
    public static String tensorFailed(TensorReport t) {
        return t.location() + ": " + entriesFail(t.failures(), t.checked()) + ", max |a - n| = " + t.maxAbsError();
    }

    /** The failures a tensor counts beyond those it lists: {@code <location>: k more gradient mismatches}. */
    public static String moreMismatches(TensorReport t) {
        return t.location() + ": " + (t.failures() - t.mismatches().size()) + " more gradient mismatches";
    }

    /** The inconclusive entries a check counts beyond those it lists: {@code k more entries could not be verified}. */
    public static String moreInconclusive(int more) {
        return more + " more entries could not be verified";
    }

    /** A check that could not run (a layer threw, a sample could not be drawn): {@code could not be checked: <why>}. */
    public static String couldNotBeChecked(String why) {
        return "could not be checked: " + why;
    }

    /** The headline of a failed check: {@code gradient check failed: <subject>: f of n entries fail}, or the {@link #nothingChecked} reason. */
    public static String checkFailed(String subject, CheckReport report) {
        return "gradient check failed: " + subject + ": "
                + (report.checked() == 0 ? report.nothingChecked() : entriesFail(report.failures(), report.checked()));
    }

    /**
     * An empty check, which is no pass: {@code nothing was checked: no tensor was compared}, or {@code nothing
     * was checked: input [0, 3] has no entries}.
     */
    public static String nothingChecked(List<TensorReport> tensors) {
        if (tensors.isEmpty()) {
            return "nothing was checked: no tensor was compared";
        }
        return "nothing was checked: " + String.join(", ", tensors.stream().map(t -> t.variable() + " " + Arrays.toString(t.shape())).toList())
                + (tensors.size() == 1 ? " has" : " have") + " no entries";
    }

    /** An engine value off its fixture's: {@code <entry>: expected e, actual a (|actual - expected| = d > allowed t)}. */
    public static String valueMismatch(ValueMismatch m) {
        return m.entry() + ": expected " + Numbers.exact(m.expected()) + ", actual " + Numbers.exact(m.actual())
                + " (|actual - expected| = " + Numbers.error(m.absError()) + " > allowed " + Numbers.error(m.allowed()) + ")";
    }

    /** The failures a fixture quantity counts beyond those it lists: {@code <quantity>: k more entries differ}. */
    public static String moreValueMismatches(ValueComparison v) {
        return v.quantity() + ": " + (v.failures() - v.mismatches().size()) + " more entries differ";
    }
}
