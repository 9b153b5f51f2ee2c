package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.Gradcheck;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The STEP_UNSUITABLE warning: a chosen step at which round-off swamps every difference is named in one line. */
class StepSanityTest {
    /** f = 1e6 + x0^2 + x1^2: a large constant, so each f value carries a round-off of about 2.2e-16 * 1e6 = 2.2e-10. */
    private static final ToDoubleFunction<double[]> F = v -> 1e6 + v[0] * v[0] + v[1] * v[1];
    private static final UnaryOperator<double[]> GRADIENT = v -> new double[] {2 * v[0], 2 * v[1]};
    private static final double[] X = {3, -2};

    @Test
    void aStepWhereRoundOffSwampsEveryDifferenceIsWarnedAbout() {
        // GIVEN the step 1e-13 * max(|x|, 1): round-off of f / h is about 2.2e-10 / 3e-13 = 700, against gradients 6 and -4
        CheckOptions tiny = CheckOptions.defaults().withStep(1e-13);
        // WHEN f is checked at that step
        CheckReport report = Gradcheck.scalar(F, GRADIENT, X, tiny);
        // THEN one warning names the step and the default to choose instead
        long warnings = report.findings().stream().filter(f -> f.kind() == Finding.Kind.STEP_UNSUITABLE).count();
        assertEquals(1, warnings, report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.message().contains("at step 1.00e-13")
                && f.message().contains("the default 6.06e-06")), report.findings().toString());
    }

    @Test
    void theDefaultStepIsNeverCalledUnsuitable() {
        // GIVEN the same f at the default step, and a function whose gradient is exactly 0 (every estimate exceeds |a| = 0)
        CheckReport report = Gradcheck.scalar(F, GRADIENT, X);
        CheckReport flat = Gradcheck.scalar(v -> 5.0, v -> new double[] {0, 0}, X);
        // WHEN / THEN neither carries the warning
        assertTrue(report.findings().stream().noneMatch(f -> f.kind() == Finding.Kind.STEP_UNSUITABLE), report.findings().toString());
        assertTrue(flat.findings().stream().noneMatch(f -> f.kind() == Finding.Kind.STEP_UNSUITABLE), flat.findings().toString());
    }
}
