package io.gradcheck4j.race;

import java.util.Locale;

/** Human-readable durations: 850 ns, 12.3 µs, 4.56 ms, 7.89 s, 12.3 min, 4.5 h, 3.2 d. */
public final class Durations {
    private Durations() {
    }

    /** {@code seconds} with three significant digits and the largest unit that keeps it &ge; 1. */
    public static String format(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return String.valueOf(seconds);
        }
        double s = Math.abs(seconds);
        if (s < 1e-6) {
            return String.format(Locale.ROOT, "%.3g ns", seconds * 1e9);
        }
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.3g µs", seconds * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.3g ms", seconds * 1e3);
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.3g s", seconds);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%.3g min", seconds / 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%.3g h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.3g d", seconds / 86400);
    }
}
