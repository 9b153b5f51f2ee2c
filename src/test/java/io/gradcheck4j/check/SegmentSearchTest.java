package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a failing probe's bisection judges its segments against ({@link SegmentSearch}): the steps and noise levels
 * the probe was judged at, the adaptive step search's among them, and the search run at a given noise instead of a
 * measured one ({@link AdaptiveStep#searchAtNoise}).
 */
class SegmentSearchTest {
    private static final double X = 0.7;

    @Test
    void theSearchAtTheNoiseItMeasuredGivesTheSameDerivativeWithoutMeasuringIt() {
        // GIVEN f(t) = sin(0.7 + t) along a line, rounded to float32 (noise the search must measure), counting evaluations
        CountingLine line = new CountingLine(t -> (float) Math.sin(X + t));
        Evaluation center = line.at(0);
        // WHEN the adaptive step search measures the noise along the line and descends its ladder
        line.reset();
        AdaptiveStep.Searched measured = AdaptiveStep.searchWithNoise(line, X, center, 6.0554544523933395e-6, 0);
        int withMeasurement = line.evaluations();
        // AND the ladder is descended again at the noise it measured, given
        line.reset();
        NumericDerivative given = AdaptiveStep.searchAtNoise(line, X, center, measured.noise());
        int withoutMeasurement = line.evaluations();
        // THEN both give the same derivative, cos(0.7) within the estimate, and the noise is at least half a float32 ulp of sin(0.7)
        assertNotNull(measured);
        assertEquals(measured.derivative(), given);
        assertTrue(Math.abs(given.value() - Math.cos(X)) <= given.errorEstimate(), given.toString());
        assertTrue(measured.noise() >= Math.ulp((float) Math.sin(X)) / 2, String.valueOf(measured.noise()));
        // AND the second run did not measure the noise: fewer evaluations of f
        assertTrue(withoutMeasurement < withMeasurement, withoutMeasurement + " vs " + withMeasurement);
    }

    @Test
    void aProbeDecidedByTheSearchHandsItsStepAndNoiseToItsSegmentsAfterTheDefaultStep() {
        // GIVEN a variable of max |v| = 1 (default step = the relative step) and a line along which nothing was measured
        Variable v = new Variable("x", "input", Tensor.vector(1.0, -0.5));
        FastCheck fast = new FastCheck(CheckOptions.defaults().fast(3));
        CountingLine line = new CountingLine(Math::sin);
        LineNoise nothingMeasured = new LineNoise(line);
        double h = fast.defaultStep(v);
        SegmentSearch.Bound searched = new SegmentSearch.Bound(0.05, 3e-9);
        // WHEN the bounds are built with and without the search's step
        List<SegmentSearch.Bound> with = SegmentSearch.bounds(fast, v, nothingMeasured, 1e-12, Evaluation.of(2.0), searched);
        List<SegmentSearch.Bound> without = SegmentSearch.bounds(fast, v, nothingMeasured, 1e-12, Evaluation.of(2.0), null);
        // THEN the default step at the tensor's noise comes first, and the search's step with its own noise second
        assertEquals(List.of(new SegmentSearch.Bound(h, 1e-12), searched), with);
        assertEquals(List.of(new SegmentSearch.Bound(h, 1e-12)), without);
        // AND neither evaluated f
        assertEquals(0, line.evaluations());
    }
}
