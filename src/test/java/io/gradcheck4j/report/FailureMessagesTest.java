package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per failure kind of {@link FailureMessages}: the exact line for a record whose numbers are worked
 * out by hand in the GIVEN comment.
 */
class FailureMessagesTest {

    private static Mismatch entry(String location, int[] index, double a, double n, double allowed, double estimate,
                                  Verdict verdict, String note, double step) {
        double abs = Math.abs(a - n);
        return new Mismatch("x", location, index, a, n, abs, abs / Math.max(Math.abs(a), Math.abs(n)), allowed, estimate, verdict, note, step);
    }

    private static TensorReport tensor(String variable, int[] shape, int checked, int failures, double maxAbs, List<Mismatch> listed) {
        return new TensorReport(variable, variable, shape, checked, failures, maxAbs, 0, new int[0], 0, 0, listed, Double.NaN,
                0, List.of(), "full", 0, List.of(), 0, Double.NaN);
    }

    @Test
    void aGradientMismatchNamesOutputInputIndexBothValuesAndTheBound() {
        // GIVEN d/dx1 of x0 x1 at x = (0.5, 2) is x0 = 0.5, while the backward returns x1 = 2: |a - n| = 1.5, relative 1.5 / 2 = 0.75
        Mismatch m = entry("output 1 with respect to input x", new int[] {1}, 2, 0.5, 2e-7, 1.83e-11, Verdict.FAIL, "", Double.NaN);
        // WHEN / THEN it reads like PyTorch's "mismatch for output i with respect to input j", with the numbers
        assertEquals("gradient mismatch for output 1 with respect to input x at index [1]: analytic 2.000000000, numeric 0.5000000000, "
                + "|a - n| = 1.50 > allowed 2.00e-07 (relative error 0.750, numeric error estimate 1.83e-11)", FailureMessages.gradientMismatch(m));
        assertEquals(FailureMessages.gradientMismatch(m), m.message());
    }

    @Test
    void aGradientMismatchWithItsStepNamesTheStep() {
        // GIVEN analytic 3 and numeric 9 (d/dx of (3x)^2 / 2 at x = 1), step 1e-6: |a - n| = 6, relative 6 / 9
        Mismatch m = entry("input", new int[] {0, 0}, 3, 9, 1e-6, 2e-9, Verdict.FAIL, "", 1e-6);
        // WHEN / THEN
        assertEquals("gradient mismatch for input at index [0, 0]: analytic 3.000000000, numeric 9.000000000, |a - n| = 6.00 > allowed 1.00e-06 "
                + "(relative error 0.667, numeric error estimate 2.00e-09, step 1.00e-06)", FailureMessages.gradientMismatch(m));
    }

    @Test
    void aWrongValueAtAKinkIsAMismatchThatIsNotAValidSubgradient() {
        // GIVEN a ReLU at 0 whose backward returns 5: its one-sided derivatives are 0 (left) and 1 (right)
        String note = FailureMessages.outsideOneSided(0, 1, 5);
        Mismatch m = entry("layer 0 (relu) input", new int[] {0, 2}, 5, 0.5, 1e-7, 1e-10, Verdict.FAIL, note, 1e-6);
        // WHEN / THEN the note names the interval and the value, and the entry line carries it
        assertEquals("not a valid subgradient at the kink: one-sided derivatives [0.000000000, 1.000000000], analytic 5.000000000", note);
        assertEquals("gradient mismatch for layer 0 (relu) input at index [0, 2]: " + note, FailureMessages.invalidSubgradient(m));
        assertEquals(FailureMessages.invalidSubgradient(m), FailureMessages.entry(m));
    }

    @Test
    void tiedEntriesJudgedAlongTheirJointDirectionNameIt() {
        // GIVEN max-pool ties [0, 0] and [0, 1] along u = (1, 1)/sqrt 2: the derivative along u is 1/sqrt 2 = 0.7071067812,
        // while a backward giving dy = 1 to both has <a, u> = 2/sqrt 2 = 1.414213562
        String along = "the tied entries [0, 0], [0, 1]";
        // WHEN / THEN
        assertEquals("not a valid subgradient at the kink: along the tied entries [0, 0], [0, 1] the derivative is 0.7071067812, analytic <a, u> 1.414213562",
                FailureMessages.outsideAlong(along, 1 / Math.sqrt(2), 2 / Math.sqrt(2)));
        assertEquals("not a valid subgradient at the kink: along the tied entries [0, 0], [0, 1] one-sided derivatives [0.000000000, 0.7071067812], "
                + "analytic <a, u> 1.414213562", FailureMessages.outsideAlongOneSided(along, 0, 1 / Math.sqrt(2), 2 / Math.sqrt(2)));
    }

    @Test
    void aStencilAcrossAKinkIsNotDifferentiableWithBothValues() {
        // GIVEN relu at 0: the central difference (h - 0) / 2h = 0.5, the subgradient used 0
        Mismatch m = entry("input", new int[] {1}, 0, 0.5, 1e-7, 1e-10, Verdict.NON_DIFFERENTIABLE,
                "layer 0 (relu) changes branch within the stencil", 1e-6);
        // WHEN / THEN
        assertEquals("not differentiable: input at index [1]: layer 0 (relu) changes branch within the stencil (analytic 0.000000000, numeric 0.5000000000)",
                FailureMessages.nonDifferentiable(m));
        assertEquals(FailureMessages.nonDifferentiable(m), FailureMessages.entry(m));
    }

    @Test
    void theNotesOfAKinkNameTheLayerOrTheOneSidedDifferences() {
        // GIVEN a relu at layer 1 changing branch; |x| at 0 as a black box: one-sided differences +1 and -1; 1 and 3 kinks set aside
        // WHEN / THEN
        assertEquals("layer 1 (relu) changes branch within the stencil", FailureMessages.branchChange("layer 1 (relu)"));
        assertEquals("one-sided differences disagree (forward 1.00000, backward -1.00000) at every step", FailureMessages.oneSidedDisagree(1, -1));
        assertEquals("1 entry straddles a kink (non-differentiable, not counted)", FailureMessages.kinksNotCounted(1));
        assertEquals("3 entries straddle a kink (non-differentiable, not counted)", FailureMessages.kinksNotCounted(3));
    }

    @Test
    void anInconclusiveEntryGivesTheEstimateAgainstTheValueAndTheStep() {
        // GIVEN an estimate of 3e-3 against |a| = 1e-3 (numeric 2e-3 at step 1e-6): the estimate exceeds the value
        Mismatch m = entry("input", new int[] {0}, -1e-3, 2e-3, 1e-7, 3e-3, Verdict.INCONCLUSIVE, "", 1e-6);
        // WHEN / THEN
        assertEquals("could not be verified: input at index [0]: the finite difference cannot resolve this entry "
                + "(estimate 0.00300 against |analytic| 0.00100; numeric 0.002000000000 at step 1.00e-06)", FailureMessages.inconclusive(m));
        assertEquals(FailureMessages.inconclusive(m), FailureMessages.entry(m));
    }

    @Test
    void countsOfFailingEntriesPerCheckAndPerTensor() {
        // GIVEN a tensor of 12 entries, all failing, of which 10 are listed, and the worst |a - n| 4.899301755371412
        Mismatch one = entry("input", new int[] {0}, 1, 2, 1e-7, 1e-10, Verdict.FAIL, "", Double.NaN);
        TensorReport t = tensor("input", new int[] {12}, 12, 12, 4.899301755371412, java.util.Collections.nCopies(10, one));
        // WHEN / THEN
        assertEquals("1 of 4 entries fail", FailureMessages.entriesFail(1, 4));
        assertEquals("input: 12 of 12 entries fail, max |a - n| = 4.899301755371412", FailureMessages.tensorFailed(t));
        assertEquals("input: 2 more gradient mismatches", FailureMessages.moreMismatches(t));
    }

    @Test
    void whatACheckCountsBeyondWhatItListsAndACheckThatCouldNotRun() {
        // GIVEN a fixture quantity with 7 failing entries of which 2 are listed, 3 unlisted inconclusive entries, a layer that threw
        ValueMismatch listed = new ValueMismatch("output[0, 0]", 1, 2, 1, 1e-6);
        ValueComparison v = new ValueComparison("output", new int[] {3, 3}, 9, 7, 1, 1, new int[] {0, 0}, 1, 2, List.of(listed, listed));
        // WHEN / THEN 7 - 2 = 5 more
        assertEquals("output: 5 more entries differ", FailureMessages.moreValueMismatches(v));
        assertEquals("3 more entries could not be verified", FailureMessages.moreInconclusive(3));
        assertEquals("could not be checked: the cube layer threw java.lang.IllegalStateException: boom",
                FailureMessages.couldNotBeChecked("the cube layer threw java.lang.IllegalStateException: boom"));
    }

    @Test
    void anEmptyCheckSaysWhatHadNoEntries() {
        // GIVEN no tensor; one tensor [0, 3]; two tensors [0] and [2, 0] (0 * 3 = 0 and 2 * 0 = 0 entries)
        TensorReport empty = tensor("input", new int[] {0, 3}, 0, 0, 0, List.of());
        TensorReport x = tensor("x", new int[] {0}, 0, 0, 0, List.of());
        TensorReport w = tensor("w", new int[] {2, 0}, 0, 0, 0, List.of());
        // WHEN / THEN
        assertEquals("nothing was checked: no tensor was compared", FailureMessages.nothingChecked(List.of()));
        assertEquals("nothing was checked: input [0, 3] has no entries", FailureMessages.nothingChecked(List.of(empty)));
        assertEquals("nothing was checked: x [0], w [2, 0] have no entries", FailureMessages.nothingChecked(List.of(x, w)));
    }

    @Test
    void anEngineValueOffItsFixtureGivesBothValuesInFull() {
        // GIVEN expected 0.25, actual 0.2505: |actual - expected| = 5e-4 against atol 1e-6 + rtol 1e-5 * 0.25 = 3.5e-6
        ValueMismatch m = new ValueMismatch("gradients.layers.0.weight[1, 2]", 0.25, 0.2505, 5e-4, 3.5e-6);
        // WHEN / THEN
        assertEquals("gradients.layers.0.weight[1, 2]: expected 0.25, actual 0.2505 (|actual - expected| = 5.00e-04 > allowed 3.50e-06)",
                FailureMessages.valueMismatch(m));
        assertEquals(FailureMessages.valueMismatch(m), m.message());
    }
}
