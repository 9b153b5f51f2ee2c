package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One test per finding kind of {@link FindingMessages}: the exact message for numbers chosen by hand. */
class FindingMessagesTest {

    @Test
    void aFindingReadsKindAtLocationThenItsMessage() {
        // GIVEN a finding of a kind, a location and a message; WHEN / THEN
        Finding f = new Finding(Finding.Kind.MISSING_GRADIENT, "layer 0 (affine) parameter bias", FindingMessages.missingGradient("layers.0.bias"));
        assertEquals("MISSING_GRADIENT at layer 0 (affine) parameter bias: backward returned no gradient for layers.0.bias",
                FindingMessages.finding(f));
        assertEquals(FindingMessages.finding(f), f.toString());
    }

    @Test
    void aNondeterministicForwardGivesBothValuesInFull() {
        // GIVEN f = 0.1 + 0.2 (0.30000000000000004 in double) before the perturbations and 0.3 after: they differ in the last bit
        // WHEN / THEN 17 digits show the difference (Java pads the shortest decimal of 0.3 with zeros)
        assertEquals("two evaluations at the same point differ: f = 0.30000000000000004 before the perturbations and 0.30000000000000000 after, "
                + "so finite differences cannot be trusted", FindingMessages.nondeterministicForward(0.1 + 0.2, "before the perturbations", 0.3, "after"));
    }

    @Test
    void aMutationOrADifferenceBetweenTwoRunsNamesTheEntry() {
        // GIVEN forward wrote 0 into input [1, 2], which was 1.5; and a second backward gave 2 where the first gave 1
        // WHEN / THEN
        assertEquals("forward changed its input: index [1, 2] was 1.5000000000000000 before and 0.0000000000000000 after",
                FindingMessages.changed("forward changed its input", "[1, 2]", 1.5, 0));
        assertEquals("a second backward differs: dx at index [0] is 1.0000000000000000 then 2.0000000000000000",
                FindingMessages.differs("a second backward differs", "dx", "[0]", 1, 2));
        assertEquals("a second backward differs: dx has shape [2, 3] then [3, 2]",
                FindingMessages.differsInShape("a second backward differs", "dx", new int[] {2, 3}, new int[] {3, 2}));
    }

    @Test
    void gradientsOfTheWrongShapeOrNotFinite() {
        // GIVEN a [3, 2] gradient for a [2, 3] tensor, an analytic NaN at [0, 1], a numeric infinity at [4] and on a probe
        // WHEN / THEN
        assertEquals("backward returned a gradient of shape [3, 2] for layers.0.weight of shape [2, 3]",
                FindingMessages.wrongGradientShape("layers.0.weight", new int[] {3, 2}, new int[] {2, 3}));
        assertEquals("the analytic gradient is NaN at index [0, 1]", FindingMessages.nonFiniteAnalytic(Double.NaN, "[0, 1]"));
        assertEquals("the finite difference is Infinity at index [4]: f is NaN or infinite near the point",
                FindingMessages.nonFiniteNumeric(Double.POSITIVE_INFINITY, new int[] {4}));
        assertEquals("the finite difference is NaN at a projection probe: f is NaN or infinite near the point",
                FindingMessages.nonFiniteNumeric(Double.NaN, new int[0]));
    }

    @Test
    void aPrecisionWarningGivesItsEvidence() {
        // GIVEN at delta 1e-9 the central difference is 1.0002 against 1, a gap of 2e-4, where double round-off explains 2.2e-7
        String evidence = FindingMessages.precisionEvidence("along index [0]", 1e-9, 1.0002, 1, 2e-4, 2.2e-7);
        // WHEN / THEN
        assertEquals("along index [0] the central difference with step 1.0e-09 is 1.00020 against 1.00000 (gap 0.000200, double round-off explains 2.20e-07)",
                evidence);
        assertEquals("f loses precision (float32 arithmetic or rounding?): " + evidence + "; numeric derivatives of this tensor are noisy, compute in double",
                FindingMessages.floatPrecision(evidence));
    }

    @Test
    void anUnsuitableStepNamesItAndTheDefault() {
        // GIVEN a step of 0.1 against the default 1e-6; WHEN / THEN
        assertEquals("at step 0.100 every numeric estimate exceeds the values compared; choose a step near the default 1.00e-06",
                FindingMessages.stepUnsuitable(0.1, 1e-6));
    }
}
