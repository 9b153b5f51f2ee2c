package io.gradcheck4j.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The race as a table: P, network, forward passes of the numeric gradient (2P; with the 2k actually run
 * when extrapolated), numeric time, backprop time, their ratio, the theoretical ratio 2P/3, the backprop
 * gradient's cost in forward passes and the largest relative error between the two gradients.
 */
public final class RaceTable {
    /** Column headings, in order. */
    public static final List<String> HEADINGS = List.of("P", "network", "numeric passes", "numeric time",
            "backprop time", "ratio", "theory 2P/3", "backprop / forward", "max rel. error");

    private RaceTable() {
    }

    /** The cells of one row, in {@link #HEADINGS} order; an extrapolated numeric time is marked with *. */
    public static List<String> cells(RaceRow row) {
        List<String> cells = new ArrayList<>();
        cells.add(String.format(Locale.ROOT, "%,d", row.parameters()));
        cells.add(row.network().describe());
        cells.add(row.extrapolated()
                ? String.format(Locale.ROOT, "%,d (ran %,d)", row.numericPasses(), row.measuredPasses())
                : String.format(Locale.ROOT, "%,d", row.numericPasses()));
        cells.add(Durations.format(row.numericSeconds()) + (row.extrapolated() ? "*" : ""));
        cells.add(Durations.format(row.backpropSeconds()));
        cells.add(String.format(Locale.ROOT, "%,.0f", row.ratio()));
        cells.add(String.format(Locale.ROOT, "%,.0f", row.theoreticalRatio()));
        cells.add(String.format(Locale.ROOT, "%.2f", row.backpropInForwardPasses()));
        cells.add(String.format(Locale.ROOT, "%.1e", row.maxRelativeError()));
        return cells;
    }

    /** The footnote explaining the * mark, or an empty string when nothing was extrapolated. */
    public static String footnote(List<RaceRow> rows) {
        return rows.stream().anyMatch(RaceRow::extrapolated)
                ? "* extrapolated: measured on k sampled coordinates (2k forward passes, the number in parentheses) and scaled by P/k"
                : "";
    }

    /**
     * The race in one line, for the top of its report: what was raced, who won (backprop wins a race when its
     * gradient took less time than the numeric one), and the figures of the largest network, e.g. {@code Raced one
     * gradient of 2 sigmoid MLPs, P = 90 to 286: backprop won 2 of 2 races. At P = 286 (12-12-10 batch 16) numeric
     * differentiation took 2.00 ms (extrapolated) against 4.00 µs for backprop, 500 times as long (theory 2P/3 = 191);
     * largest relative error between the two gradients 3.0e-08.}
     */
    public static String summary(List<RaceRow> rows) {
        RaceRow largest = rows.stream().max(java.util.Comparator.comparingLong(RaceRow::parameters)).orElseThrow();
        long smallest = rows.stream().mapToLong(RaceRow::parameters).min().orElseThrow();
        long won = rows.stream().filter(r -> r.backpropSeconds() < r.numericSeconds()).count();
        double error = rows.stream().mapToDouble(RaceRow::maxRelativeError).max().orElse(Double.NaN);
        String range = smallest == largest.parameters() ? String.format(Locale.ROOT, "P = %,d", smallest)
                : String.format(Locale.ROOT, "P = %,d to %,d", smallest, largest.parameters());
        return String.format(Locale.ROOT, "Raced one gradient of %d sigmoid MLP%s, %s: backprop won %d of %d race%s. "
                        + "At P = %,d (%s) numeric differentiation took %s%s against %s for backprop, %s times as long "
                        + "(theory 2P/3 = %,.0f); largest relative error between the two gradients %.1e.",
                rows.size(), rows.size() == 1 ? "" : "s", range, won, rows.size(), rows.size() == 1 ? "" : "s",
                largest.parameters(), largest.network().describe(),
                Durations.format(largest.numericSeconds()), largest.extrapolated() ? " (extrapolated)" : "",
                Durations.format(largest.backpropSeconds()),
                String.format(Locale.ROOT, largest.ratio() >= 10 ? "%,.0f" : "%.2f", largest.ratio()), largest.theoreticalRatio(), error);
    }

    /** A plain-text table with aligned columns and the footnote. */
    public static String text(List<RaceRow> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADINGS);
        for (RaceRow row : rows) {
            lines.add(cells(row));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> line : lines) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> line : lines) {
            for (int c = 0; c < widths.length; c++) {
                String cell = line.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                sb.append(c == 1 ? cell + pad : pad + cell).append(c + 1 < widths.length ? "  " : "");
            }
            sb.append('\n');
        }
        String note = footnote(rows);
        if (!note.isEmpty()) {
            sb.append(note).append('\n');
        }
        return sb.toString();
    }
}
