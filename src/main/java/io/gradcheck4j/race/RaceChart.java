package io.gradcheck4j.race;

import io.gradcheck4j.charts.Charts;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/**
 * The race's log-log charts (XChart): time of a numeric and of a backprop gradient against P, and their
 * measured ratio against the theoretical 2P/3 (written and rendered by {@link Charts}).
 */
public final class RaceChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private RaceChart() {
    }

    /**
     * Time against P: numeric gradient (measured, and extrapolated continuing from the last measured
     * point) and backprop gradient, the table's two time columns; ticks in ns, µs, ms or s.
     */
    public static XYChart times(List<RaceRow> rows) {
        XYChart chart = logLog("Numeric differentiation vs backprop: one gradient", "time");
        chart.getStyler().setyAxisTickLabelsFormattingFunction(RaceChart::time);
        add(chart, "numeric gradient (2P forward passes)", rows, r -> !r.extrapolated(), RaceRow::numericSeconds);
        RaceRow lastMeasured = rows.stream().filter(r -> !r.extrapolated()).reduce((a, b) -> b).orElse(null);
        add(chart, "numeric gradient, extrapolated from k coordinates", rows,
                r -> r.extrapolated() || (r == lastMeasured && rows.stream().anyMatch(RaceRow::extrapolated)), RaceRow::numericSeconds);
        add(chart, "backprop gradient (forward + backward)", rows, r -> true, RaceRow::backpropSeconds);
        return chart;
    }

    /** numeric / backprop time against P, with the theoretical 2P/3. */
    public static XYChart ratio(List<RaceRow> rows) {
        XYChart chart = logLog("How many times slower the numeric gradient is", "numeric time / backprop time");
        add(chart, "measured ratio", rows, r -> true, RaceRow::ratio);
        add(chart, "theory: 2P / 3", rows, r -> true, RaceRow::theoreticalRatio);
        return chart;
    }

    /** The tick at log10 seconds {@code exponent}: 100 ns, 1 µs, 10 ms, 1 s, 1e4 s; none between decades. */
    static String time(double exponent) {
        if (Charts.power(exponent).isEmpty()) {
            return "";
        }
        double seconds = Math.pow(10, Math.rint(exponent));
        String[] units = {"ns", "µs", "ms", "s"};
        for (int k = 0; k < units.length; k++) {
            double scaled = seconds * Math.pow(1000, 3 - k);
            if (scaled < 999.5 || k == units.length - 1) {
                return (scaled >= 1 && scaled < 999.5
                        ? new java.math.BigDecimal(scaled, new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
                        : Charts.power(Math.log10(scaled))) + " " + units[k];
            }
        }
        throw new AssertionError("unreachable");
    }

    private static XYChart logLog(String title, String yTitle) {
        return Charts.logLog(title, "parameters P", yTitle);
    }

    private static void add(XYChart chart, String name, List<RaceRow> rows, Predicate<RaceRow> which, ToDoubleFunction<RaceRow> y) {
        List<RaceRow> selected = rows.stream().filter(which).filter(r -> y.applyAsDouble(r) > 0).toList();
        if (selected.isEmpty()) {
            return;
        }
        Charts.addPositive(chart, name, selected.stream().mapToDouble(RaceRow::parameters).toArray(),
                selected.stream().mapToDouble(y).toArray());
    }
}
