package io.gradcheck4j.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns; numeric-looking columns are right-aligned. */
final class Table {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private static final int MIN_SQUEEZED = 12;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these headers; {@code right} marks the right-aligned columns. */
    Table(List<String> headers, boolean... right) {
        this.headers = List.copyOf(headers);
        this.rightAligned = right.clone();
    }

    void add(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        rows.add(List.of(cells));
    }

    String render() {
        return render(Integer.MAX_VALUE, -1);
    }

    /**
     * The table in at most {@code maxWidth} columns where abbreviating the cells of column {@code squeezed} in
     * the middle ({@code fixtures/seed0...logits.json}, down to {@value #MIN_SQUEEZED} characters) can make it fit.
     */
    String render(int maxWidth, int squeezed) {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        int total = Arrays.stream(width).sum() + 2 * (width.length - 1);
        if (squeezed >= 0 && total > maxWidth) {
            width[squeezed] = Math.max(Math.max(MIN_SQUEEZED, headers.get(squeezed).length()), width[squeezed] - (total - maxWidth));
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        for (List<String> row : rows) {
            line(sb, squeezed < 0 ? row : abbreviated(row, squeezed, width[squeezed]), width);
        }
        return sb.toString();
    }

    private static List<String> abbreviated(List<String> row, int column, int width) {
        String cell = row.get(column);
        if (cell.length() <= width) {
            return row;
        }
        int head = (width - 3) / 2;
        List<String> copy = new ArrayList<>(row);
        copy.set(column, cell.substring(0, head) + "..." + cell.substring(cell.length() - (width - 3 - head)));
        return copy;
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                l.append("  ");
            }
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            boolean right = c < rightAligned.length && rightAligned[c];
            l.append(right ? pad + cell : cell + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
