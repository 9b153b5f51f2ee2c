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
     * Seconds against P: numeric gradient (measured, and extrapolated continuing from the last measured
     * point), backprop gradient, one forward pass.
     */
    public static XYChart times(List<RaceRow> rows) {
        XYChart chart = logLog("Numeric differentiation vs backprop: one gradient", "seconds");
        add(chart, "numeric gradient (2P forward passes)", rows, r -> !r.extrapolated(), RaceRow::numericSeconds);
        RaceRow lastMeasured = rows.stream().filter(r -> !r.extrapolated()).reduce((a, b) -> b).orElse(null);
        add(chart, "numeric gradient, extrapolated from k coordinates", rows,
                r -> r.extrapolated() || (r == lastMeasured && rows.stream().anyMatch(RaceRow::extrapolated)), RaceRow::numericSeconds);
        add(chart, "backprop gradient (forward + backward)", rows, r -> true, RaceRow::backpropSeconds);
        add(chart, "one forward pass", rows, r -> true, RaceRow::forwardSeconds);
        return chart;
    }

    /** numeric / backprop time against P, with the theoretical 2P/3. */
    public static XYChart ratio(List<RaceRow> rows) {
        XYChart chart = logLog("How many times slower the numeric gradient is", "numeric time / backprop time");
        add(chart, "measured ratio", rows, r -> true, RaceRow::ratio);
        add(chart, "theory: 2P / 3", rows, r -> true, RaceRow::theoreticalRatio);
        return chart;
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
