package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void relativeErrorIsTheDifferenceOverTheLargerMagnitude() {
        // GIVEN / WHEN / THEN |1 - 1.5| / 1.5 = 1/3, |-2 - 2| / 2 = 2, and the order of the arguments does not matter
        assertEquals(1.0 / 3, Errors.relativeError(1, 1.5), 1e-16);
        assertEquals(1.0 / 3, Errors.relativeError(1.5, 1), 1e-16);
        assertEquals(2.0, Errors.relativeError(-2, 2), 0.0);
    }

    @Test
    void relativeErrorOfTwoZerosIsZeroAndOfANaNIsNaN() {
        // GIVEN / WHEN / THEN 0 / 0 is defined as 0; NaN propagates
        assertEquals(0.0, Errors.relativeError(0, -0.0), 0.0);
        assertTrue(Double.isNaN(Errors.relativeError(Double.NaN, 1)));
    }
}
