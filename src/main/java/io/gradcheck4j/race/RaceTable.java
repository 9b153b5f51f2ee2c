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
