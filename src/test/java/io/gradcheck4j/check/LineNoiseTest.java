package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The noise along a line, measured once per spacing ({@link LineNoise}). */
class LineNoiseTest {

    @Test
    void eachSpacingIsMeasuredOnceAndCanBeReadBackWithoutEvaluating() {
        // GIVEN f(t) = 1 + t rounded to float32 along a line, counting its evaluations
        CountingLine line = new CountingLine(t -> (float) (1 + t));
        LineNoise noise = new LineNoise(line);
        double h = 1e-6;
        // WHEN nothing was measured yet
        // THEN no spacing reads back a value
        assertTrue(Double.isNaN(noise.measuredAt(h)));
        // WHEN the noise at h is asked for twice
        double first = noise.at(h);
        int afterFirst = line.evaluations();
        double second = noise.at(h);
        // THEN f was evaluated the first time only, and both give the same level
        assertTrue(afterFirst > 0);
        assertEquals(afterFirst, line.evaluations());
        assertEquals(first, second);
        // AND the level is at least one float32 stair just below 1 (2^-24): a value is off the line by up to one stair
        assertTrue(first >= 0x1p-24, String.valueOf(first));
        // AND it reads back at h without evaluating, while the spacing 2h, never measured, reads back nothing
        assertEquals(first, noise.measuredAt(h));
        assertTrue(Double.isNaN(noise.measuredAt(2 * h)));
        assertEquals(afterFirst, line.evaluations());
    }
}
