package io.gradcheck4j.race;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The race's log-log charts (XChart): time of a numeric and of a backprop gradient against P, and their
 * measured ratio against the theoretical 2P/3. Written as PNG and SVG; rendered without a display.
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

    /** Writes {@code <base>.png} and {@code <base>.svg} in {@code dir}; returns the two paths. */
    public static List<Path> write(XYChart chart, Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve(base + ".png");
        Path svg = dir.resolve(base + ".svg");
        Files.write(png, png(chart));
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(base).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return List.of(png, svg);
    }

    /** The chart as PNG bytes. */
    public static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart logLog(String title, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("parameters P").yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    private static void add(XYChart chart, String name, List<RaceRow> rows, Predicate<RaceRow> which, ToDoubleFunction<RaceRow> y) {
        List<RaceRow> selected = rows.stream().filter(which).filter(r -> y.applyAsDouble(r) > 0).toList();
        if (selected.isEmpty()) {
            return;
        }
        double[] xs = selected.stream().mapToDouble(RaceRow::parameters).toArray();
        double[] ys = selected.stream().mapToDouble(y).toArray();
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
