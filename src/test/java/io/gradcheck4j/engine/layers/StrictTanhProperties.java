package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link StrictTanh} against the JDK's {@link StrictMath#tanh}, bit for bit (bits,
 * so -0.0 and 0.0 differ; a NaN is any NaN), on every kind of double: any bit pattern, the range where an
 * activation's argument lies, magnitudes down to 2<sup>-70</sup> (the x(1 + x) branch), and the neighbourhoods
 * of the |x| where the algorithm changes branch: 2<sup>-55</sup>, 1 and 22 in tanh; in expm1 of 2|x|, the
 * reduction's ln 2 / 2 and 3 ln 2 / 2 and the x where k = round(2|x| / ln 2) reaches 2, 3, 20, 21 and 57.
 */
@GradientProperties
class StrictTanhProperties {
    private static final double LN2 = Math.log(2);
    private static final Double[] THRESHOLDS = {0x1p-55, 0x1p-54, LN2 / 4, 0.75 * LN2, 1.0, 2.5 * LN2 / 2, 19.5 * LN2 / 2, 20.5 * LN2 / 2,
        56.5 * LN2 / 2, 28 * LN2, 22.0, 0.5, 2.0};

    @Provide
    Arbitrary<Double> doubles() {
        Arbitrary<Double> anyBits = Arbitraries.longs().map(Double::longBitsToDouble);
        Arbitrary<Double> activations = Arbitraries.doubles().between(-50, 50).ofScale(15);
        Arbitrary<Double> tiny = Combinators.combine(Arbitraries.doubles().between(-1, 1).ofScale(15), Arbitraries.integers().between(0, 70))
                .as((m, e) -> Math.scalb(m, -e));
        Arbitrary<Double> nearThreshold = Combinators.combine(Arbitraries.of(THRESHOLDS), Arbitraries.integers().between(-4, 4),
                Arbitraries.of(1.0, -1.0)).as((t, ulps, sign) -> sign * Double.longBitsToDouble(Double.doubleToLongBits(t) + ulps));
        Arbitrary<Double> special = Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                Double.MAX_VALUE, -Double.MAX_VALUE);
        return Arbitraries.frequencyOf(Tuple.of(3, anyBits), Tuple.of(4, activations), Tuple.of(1, tiny), Tuple.of(2, nearThreshold),
                Tuple.of(1, special));
    }

    @Property(seed = "20261211", tries = 20_000)
    void tanhIsStrictMathTanhBitForBit(@ForAll("doubles") double x) {
        // GIVEN any double x
        // WHEN tanh(x) is computed in Java
        double computed = StrictTanh.tanh(x);
        // THEN it has the bits of the JDK's fdlibm tanh
        assertEquals(Double.doubleToLongBits(StrictMath.tanh(x)), Double.doubleToLongBits(computed), () -> "tanh(" + x + ")");
    }
}
