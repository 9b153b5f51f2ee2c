package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.report.CheckReport;
import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void dl4jRuleUsesTheSumOfMagnitudesAndTheAbsoluteFloor() {
        // GIVEN DL4J's defaults maxRel = 1e-3, minAbs = 1e-8
        Tolerance dl4j = Tolerance.dl4jDefault();
        // WHEN / THEN rel = 0.0015 / 2.0015 = 7.5e-4 passes; rel = 0.003 / 2.003 = 1.5e-3 fails
        assertTrue(dl4j.accepts(1, 1.0015));
        assertFalse(dl4j.accepts(1, 1.003));
        // AND a relative error of 1 passes when |a - n| = 2e-9 < 1e-8, but not at 2e-8
        assertTrue(dl4j.accepts(1e-9, -1e-9));
        assertFalse(dl4j.accepts(1e-8, -1e-8));
        assertTrue(dl4j.accepts(0, 0));
        assertFalse(dl4j.accepts(Double.NaN, 1));
    }

    @Test
    void pytorchRuleIsAtolPlusRtolTimesNumeric() {
        // GIVEN atol 1e-5, rtol 1e-3: allowed at n = 2 is 1e-5 + 2e-3
        Tolerance torch = Tolerance.pytorchDefault();
        // THEN the bound is exact and the estimate is ignored
        assertEquals(1e-5 + 2e-3, torch.allowed(0, 2, 123), 1e-18);
        assertTrue(torch.accepts(2.002, 2));
        assertFalse(torch.accepts(2.0021, 2));
    }

    @Test
    void errorAwareRuleScalesWithTheEstimate() {
        // GIVEN k = 10, floor 1e-10 + 1e-7 * max(|a|, |n|)
        Tolerance rule = Tolerance.errorAware();
        // THEN at a = n = 1 with estimate 1e-9 the bound is 1e-8 + 1e-10 + 1e-7
        assertEquals(1e-8 + 1e-10 + 1e-7, rule.allowed(1, 1, 1e-9), 1e-20);
        // AND a 1e-5 error that PyTorch's rule accepts fails when the numeric value is accurate to 1e-9
        assertTrue(Tolerance.pytorchDefault().accepts(1 + 1e-5, 1));
        assertFalse(rule.accepts(1 + 1e-5, 1, 1e-9));
        // AND the same error passes when the numeric value is only accurate to 1e-5
        assertTrue(rule.accepts(1 + 1e-5, 1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new ErrorAwareTolerance(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.dl4j(Double.NaN, 0));
    }

    @Test
    void richardsonValueAndTruncationEstimateMatchTheTaylorSeries() {
        // GIVEN f = x^3 at x = 1 with the large relative step 0.01: D(h) = 3x^2 + h^2 exactly, D(h/2) = 3x^2 + h^2/4
        ScalarFunction cube = new ScalarFunction(v -> v * v * v, v -> 3 * v * v, 1.0);
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withStep(0.01));
        // WHEN differentiated
        NumericDerivative d = checker.numericDerivatives(cube, cube.variables().get(0), new int[] {0})[0];
        // THEN the coarse difference is off by h^2, the estimate |D(h) - D(h/2)| / 3 = h^2 / 4
        double h = 0.01;
        assertEquals(h * h, d.coarse() - 3, 1e-12);
        assertEquals(h * h / 4, d.truncationError(), 1e-12);
        // AND Richardson removes the h^2 term, which is all there is for a cubic
        assertEquals(3, d.value(), 1e-12);
        // AND the round-off estimate is at least eps * (4 (f(1+h/2) + f(1-h/2)) / h + (f(1+h) + f(1-h)) / 2h) / 3 = 3 eps / h
        assertTrue(d.roundoffError() >= 0.99 * 3 * Math.ulp(1.0) / h && d.roundoffError() < 1e-11, String.valueOf(d.roundoffError()));
    }

    @Test
    void roundOffDominatedEntriesReportTheCentralDifferenceItself() {
        // GIVEN f = x (linear: no truncation error) at 0.3 with the default step
        ScalarFunction line = new ScalarFunction(v -> 1e6 + v, v -> 1, 0.3);
        // WHEN differentiated
        NumericDerivative d = GradientChecker.withDefaults().numericDerivatives(line, line.variables().get(0), new int[] {0})[0];
        // THEN round-off dominates, so the reported value is D(h), not the Richardson combination (3x the round-off)
        assertEquals(d.coarse(), d.value(), 0);
        assertTrue(d.roundoffError() >= Math.ulp(1.0) * 2e6 / (2 * d.step()) * 0.99, String.valueOf(d.roundoffError()));
    }

    @Test
    void reportsShowTheEstimateBesideTheError() {
        // GIVEN a wrong derivative of sin at 0.7 (claims 2 cos)
        CheckReport report = GradientChecker.withDefaults().check(new ScalarFunction(Math::sin, v -> 2 * Math.cos(v), 0.7));
        // THEN the mismatch carries a positive, small estimate and says so
        var m = report.mismatches().get(0);
        assertTrue(m.errorEstimate() > 0 && m.errorEstimate() < 1e-8, String.valueOf(m.errorEstimate()));
        assertTrue(m.message().contains("numeric error estimate"), m.message());
        assertEquals(Math.cos(0.7), m.numeric(), 1e-10);
    }
}
