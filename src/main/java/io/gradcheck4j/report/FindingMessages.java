package io.gradcheck4j.report;

import java.util.Arrays;

/**
 * The one wording of each {@link Finding.Kind} the diagnostics report (the companion of {@link FailureMessages}):
 * each method gives a finding's message from the numbers that show the fault, values in full (17 significant
 * digits, so two values that differ in the last bit read differently), and {@link #finding} the line
 * {@code KIND at <location>: <message>}.
 */
public final class FindingMessages {
    private FindingMessages() {
    }

    /** A finding as one line: {@code KIND at <location>: <message>}. */
    public static String finding(Finding f) {
        return f.kind() + " at " + f.location() + ": " + f.message();
    }

    /**
     * NONDETERMINISTIC_FORWARD: {@code two evaluations at the same point differ: f = a <first> and b <second>,
     * so finite differences cannot be trusted}, e.g. first "before the perturbations", second "after".
     */
    public static String nondeterministicForward(double a, String first, double b, String second) {
        return Numbers.format("two evaluations at the same point differ: f = %.17g %s and %.17g %s, so finite differences cannot be trusted",
                a, first, b, second);
    }

    /** INPUT_MUTATION: {@code <what>: index [i, j] was a before and b after}. */
    public static String changed(String what, String index, double before, double after) {
        return Numbers.format("%s: index %s was %.17g before and %.17g after", what, index, before, after);
    }

    /** Two runs that should agree (re-entrancy, determinism): {@code <what>: <tensor> at index [i, j] is a then b}. */
    public static String differs(String what, String tensor, String index, double first, double second) {
        return Numbers.format("%s: %s at index %s is %.17g then %.17g", what, tensor, index, first, second);
    }

    /** Two runs that should agree, whose shapes differ: {@code <what>: <tensor> has shape [..] then [..]}. */
    public static String differsInShape(String what, String tensor, int[] first, int[] second) {
        return what + ": " + tensor + " has shape " + Arrays.toString(first) + " then " + Arrays.toString(second);
    }

    /**
     * MISSING_GRADIENT: {@code backward returned no gradient for <name>}, worded as the engine's own check of a
     * layer's gradients ({@code engine.GradientProblem}, which sits below this package) words it.
     */
    public static String missingGradient(String name) {
        return "backward returned no gradient for " + name;
    }

    /** WRONG_GRADIENT_SHAPE: {@code backward returned a gradient of shape [..] for <name> of shape [..]} (as the engine's check words it). */
    public static String wrongGradientShape(String name, int[] analytic, int[] tensor) {
        return "backward returned a gradient of shape " + Arrays.toString(analytic) + " for " + name + " of shape " + Arrays.toString(tensor);
    }

    /** NON_FINITE_ANALYTIC: {@code the analytic gradient is v at index [i, j]}. */
    public static String nonFiniteAnalytic(double value, String index) {
        return "the analytic gradient is " + value + " at index " + index;
    }

    /** NON_FINITE_NUMERIC: {@code the finite difference is v at index [i, j]: f is NaN or infinite near the point} (a probe has no index). */
    public static String nonFiniteNumeric(double value, int[] index) {
        return "the finite difference is " + value + " at " + (index.length == 0 ? "a projection probe" : "index " + Arrays.toString(index))
                + ": f is NaN or infinite near the point";
    }

    /** FLOAT_PRECISION (a warning): {@code f loses precision (float32 arithmetic or rounding?): <evidence>; numeric derivatives of this tensor are noisy, compute in double}. */
    public static String floatPrecision(String evidence) {
        return "f loses precision (float32 arithmetic or rounding?): " + evidence + "; numeric derivatives of this tensor are noisy, compute in double";
    }

    /**
     * The evidence of {@link #floatPrecision} along one line: {@code <where> the central difference with step
     * &delta; is t against r (gap g, double round-off explains e)}.
     */
    public static String precisionEvidence(String where, double delta, double tiny, double reference, double gap, double roundoff) {
        return Numbers.format("%s the central difference with step %.1e is %.6g against %.6g (gap %.3g, double round-off explains %.3g)",
                where, delta, tiny, reference, gap, roundoff);
    }

    /** STEP_UNSUITABLE (a warning): {@code at step h every numeric estimate exceeds the values compared; choose a step near the default h0}. */
    public static String stepUnsuitable(double step, double defaultStep) {
        return Numbers.format("at step %.3g every numeric estimate exceeds the values compared; choose a step near the default %.3g", step, defaultStep);
    }
}
