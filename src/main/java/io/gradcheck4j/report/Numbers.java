package io.gradcheck4j.report;

import java.util.Locale;

/** Number formatting shared by the renderers. */
public final class Numbers {
    private Numbers() {
    }

    /** Exact text that reads back to the same double: {@code 2}, {@code -0.19661193324148185}, {@code 1.0E-20}. */
    public static String exact(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** An error size in 3 significant digits, e.g. {@code 2.22e-16}; {@code 0} for zero. */
    public static String error(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return format("%.2e", v);
    }

    /**
     * {@link String#format} in {@link Locale#US}, which for the conversions the reports use ({@code %d}, {@code %,d},
     * {@code %e}, {@code %f}, {@code %g}, {@code %s}) writes the same text as {@link Locale#ROOT} (digits 0-9, '.'
     * before the fraction, ',' between groups of 3), while {@link java.util.Formatter} needs the JDK's locale data
     * (CLDR) for any other locale: loading it cost a command-line run some 50 ms.
     */
    public static String format(String pattern, Object... args) {
        return String.format(Locale.US, pattern, args);
    }
}
