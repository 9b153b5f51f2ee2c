package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Numbers#format} (Locale.US, which spares the Formatter the JDK's locale data) writes what
 * {@code String.format(Locale.ROOT, ...)} writes, for every conversion the reports use, on doubles of every
 * magnitude and sign (zeros, subnormals, infinities and NaN included) and on counts of every size.
 */
@GradientProperties
class NumbersFormatProperties {
    private static final String[] DOUBLE_PATTERNS = {"%.2e", "%.3f", "%.3g", "%.6g", "%.10g", "%.17g", "%.1e", "%.3e",
            "%-10.1e %-24.17g %-12.3e"};
    private static final String[] COUNT_PATTERNS = {"%d", "%,d", "%5d |", "1e%d", "P = %,d"};

    @Property(tries = 2000)
    void doublesReadAsInLocaleRoot(@ForAll("doubles") double v) {
        for (String pattern : DOUBLE_PATTERNS) {
            Object[] args = pattern.startsWith("%-10") ? new Object[] {v, v, v} : new Object[] {v};
            assertEquals(String.format(Locale.ROOT, pattern, args), Numbers.format(pattern, args), pattern);
        }
    }

    @Property(tries = 1000)
    void countsReadAsInLocaleRoot(@ForAll("counts") int n) {
        assertSameAsRoot(n);
    }

    @Example
    void longCountsReadAsInLocaleRoot() {
        for (long n : new long[] {0, 999, 1000, -1000, 37_642, 2_147_483_648L, -9_007_199_254_740_993L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertSameAsRoot(n);
        }
    }

    @Property(tries = 200)
    void textAndNumbersTogetherReadAsInLocaleRoot(@ForAll("doubles") double v, @ForAll("counts") int n) {
        String pattern = " — %,d entries checked, %,d failed; rule %s, step %.3g";
        assertEquals(String.format(Locale.ROOT, pattern, n, -n, "error-aware", v), Numbers.format(pattern, n, -n, "error-aware", v));
    }

    private static void assertSameAsRoot(Object count) {
        for (String pattern : COUNT_PATTERNS) {
            assertEquals(String.format(Locale.ROOT, pattern, count), Numbers.format(pattern, count), pattern);
        }
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e3, 1e3),
                Arbitraries.doubles().between(-1, 1).map(x -> x * Math.pow(10, Math.floor(x * 300))),
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9.995e-5, 0.0005, 1.125, 999.95));
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-100_000, 100_000),
                Arbitraries.of(0, Integer.MIN_VALUE, Integer.MAX_VALUE, 999, 1000, -1000));
    }
}
