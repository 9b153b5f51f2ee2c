package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void maskMatchesAnIndependentImplementationOfTheDocumentedHash() {
        // GIVEN masks computed by a separate Python implementation of the SplitMix64 recipe in Dropout's Javadoc
        // WHEN / THEN
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 1, 1, 0}, new Dropout(0.5, 42).mask(2, 4).toArray(), 0);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 1, 1}, new Dropout(0.5, 42).mask(4, 2).toArray(), 0);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 0, 0}, new Dropout(0.5, 7).mask(2, 4).toArray(), 0);
        assertArrayEquals(new double[] {1, 1, 0, 1, 0, 1}, new Dropout(0.25, -3).mask(1, 6).toArray(), 0);
    }

    @Test
    void forwardIsInvertedDropoutWithTheMask() {
        // GIVEN rate 0.5, seed 42, mask [0, 0, 1, 0 | 0, 1, 1, 0] for shape [2, 4]: kept values are scaled by 1/(1 - 0.5) = 2
        Dropout dropout = new Dropout(0.5, 42);
        Tensor x = Tensor.matrix(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8});

        // WHEN
        Tensor y = dropout.forward(x);
        Tensor dx = dropout.backward(x, y, Tensor.filled(1, 2, 4)).input();

        // THEN
        assertArrayEquals(new double[] {0, 0, 6, 0, 0, 12, 14, 0}, y.toArray(), 0);
        assertArrayEquals(new double[] {0, 0, 2, 0, 0, 2, 2, 0}, dx.toArray(), 0);
    }

    @Test
    void forwardIsDeterministic() {
        // GIVEN
        Tensor x = Tensor.filled(1, 10, 10);

        // WHEN / THEN the same layer and a second layer with the same seed agree
        assertEquals(new Dropout(0.3, 5).forward(x), new Dropout(0.3, 5).forward(x));
    }

    @Test
    void rateZeroIsTheIdentity() {
        // GIVEN
        Tensor x = Tensor.matrix(new double[] {1.5, -2, 3});

        // WHEN / THEN
        assertEquals(x, new Dropout(0, 9).forward(x));
    }

    @Test
    void aboutAFractionRateOfElementsIsDropped() {
        // GIVEN 10,000 elements, rate 0.3: the kept count is Binomial(10000, 0.7), mean 7000, standard deviation ~46
        Tensor mask = new Dropout(0.3, 123).mask(100, 100);

        // WHEN
        double kept = mask.sum();

        // THEN within 5 standard deviations
        assertTrue(Math.abs(kept - 7000) < 230, "kept " + kept);
    }

    @Test
    void rateMustBeBelowOne() {
        // WHEN
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1, 0));

        // THEN
        assertEquals("dropout option 'rate' must be in [0, 1), got 1.0", e.getMessage());
    }
}
