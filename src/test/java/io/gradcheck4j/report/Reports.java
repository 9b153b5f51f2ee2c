package io.gradcheck4j.report;

import java.util.List;

/**
 * Short forms of the report records for tests that build reports by hand: what the records' canonical
 * constructors take, with the components a test does not care about at their neutral values (no error estimate,
 * no kinks, no inconclusive entries, no adaptive step, full mode, no findings).
 */
public final class Reports {
    private Reports() {
    }

    /** A failing entry without an error estimate, note or step. */
    public static Mismatch mismatch(String variable, String location, int[] index, double analytic, double numeric,
                                    double absError, double relError, double allowed) {
        return new Mismatch(variable, location, index, analytic, numeric, absError, relError, allowed, Double.NaN,
                Verdict.FAIL, "", Double.NaN);
    }

    /** A full-mode tensor report without estimates, kinks, inconclusive entries or adaptive steps. */
    public static TensorReport tensor(String variable, String location, int[] shape, int checked, int failures,
                                      double maxAbsError, double maxRelError, int[] worstIndex, double worstAnalytic,
                                      double worstNumeric, List<Mismatch> mismatches) {
        return new TensorReport(variable, location, shape, checked, failures, maxAbsError, maxRelError, worstIndex,
                worstAnalytic, worstNumeric, mismatches, Double.NaN, 0, List.of(), "full", 0, List.of(), 0, Double.NaN);
    }

    /** A full-mode check report without findings, inconclusive entries not accepted. */
    public static CheckReport check(String subject, String rule, double step, List<TensorReport> tensors) {
        return new CheckReport(subject, rule, step, tensors, CheckedMode.of(CheckedMode.Kind.FULL), List.of(), false);
    }
}
