package io.gradcheck4j.check;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link Sweep}: one {@link Point} per step, with a text table and an ASCII plot of the
 * V-shaped error curve.
 *
 * @param variable the variable name
 * @param location where it lives
 * @param index    the entry
 * @param value    the entry's value v
 * @param analytic the analytic derivative a
 * @param points   one point per step, in the order swept (largest step first)
 */
public record SweepResult(String variable, String location, int[] index, double value, double analytic, List<Point> points) {

    /** Defensive copies. */
    public SweepResult {
        index = index.clone();
        points = List.copyOf(points);
    }

    @Override
    public int[] index() {
        return index.clone();
    }

    /**
     * One step of the sweep.
     *
     * @param step          h
     * @param numeric       D(h) = (f(v + h) - f(v - h)) / 2h
     * @param error         |D(h) - a|
     * @param roundoffBound &epsilon; (|f(v + h)| + |f(v - h)|) / 2h, the round-off part of the error model
     */
    public record Point(double step, double numeric, double error, double roundoffBound) {
    }

    /** The points from the smallest step to the largest: the order of the table, the plot and the chart's x axis. */
    public List<Point> ascending() {
        return points.stream().sorted(java.util.Comparator.comparingDouble(Point::step)).toList();
    }

    /** The point with the smallest error (the first of equals). */
    public Point best() {
        Point best = points.get(0);
        for (Point p : points) {
            if (p.error() < best.error()) {
                best = p;
            }
        }
        return best;
    }

    /** A table: step, numeric, |numeric - analytic|, round-off bound, one row per step, smallest step first. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s%s (%s) = %.17g, analytic derivative %.17g%n", variable, Arrays.toString(index),
                location, value, analytic));
        sb.append(String.format(Locale.ROOT, "%-10s %-24s %-12s %-12s%n", "STEP", "NUMERIC", "ERROR", "ROUND-OFF"));
        for (Point p : ascending()) {
            sb.append(String.format(Locale.ROOT, "%-10.1e %-24.17g %-12.3e %-12.3e%n", p.step(), p.numeric(), p.error(), p.roundoffBound()));
        }
        Point best = best();
        sb.append(String.format(Locale.ROOT, "smallest error %.3e at step %.1e%n", best.error(), best.step()));
        return sb.toString();
    }

    /**
     * An ASCII plot of log10(error) (one row per decade) against the step (one column pair per point,
     * smallest step on the left, as on the chart; decades labelled at the ends and at multiples of 3). An error of exactly 0 is drawn as {@code 0} on the bottom row.
     */
    public String plot() {
        List<Point> points = ascending();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            if (p.error() > 0 && Double.isFinite(p.error())) {
                double l = Math.log10(p.error());
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
            }
        }
        StringBuilder sb = new StringBuilder("log10 |error|\n");
        if (lo > hi) {
            sb.append("every error is 0 or not finite\n");
            return sb.toString();
        }
        int top = (int) Math.round(hi);
        int bottom = (int) Math.round(lo);
        for (int row = top; row >= bottom; row--) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d |", row));
            for (Point p : points) {
                boolean here = p.error() > 0 && Double.isFinite(p.error()) && Math.round(Math.log10(p.error())) == row;
                boolean zero = p.error() == 0 && row == bottom;
                line.append(here ? " *" : zero ? " 0" : "  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append("      +").append("-".repeat(2 * points.size())).append('\n');
        StringBuilder labels = new StringBuilder("       ");
        for (int k = 0; k < points.size(); k++) {
            double exponent = Math.log10(points.get(k).step());
            boolean decade = Math.abs(exponent - Math.rint(exponent)) < 1e-9;
            boolean labelled = k == 0 || k == points.size() - 1 || Math.round(exponent) % 3 == 0;
            if (decade && labelled && labels.length() <= 7 + 2 * k) {
                labels.append(" ".repeat(7 + 2 * k - labels.length() + 1)).append(String.format(Locale.ROOT, "1e%d", Math.round(exponent)));
            }
        }
        sb.append(labels).append("   (step h)\n");
        return sb.toString();
    }
}
