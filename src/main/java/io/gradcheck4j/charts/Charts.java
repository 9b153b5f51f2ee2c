package io.gradcheck4j.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What every gradcheck4j chart shares (XChart, rendered without a display): a white log-log chart of a fixed
 * size whose axes span whole decades (so the top and bottom decades are labelled), ticks written {@code 1e-4}
 * (never {@code 1E-4} beside {@code 0.001}), thin solid grid lines (dashed ones make an SVG of megabytes), series of
 * marked points or unmarked dashed guides, and output as PNG bytes or as PNG and SVG files.
 *
 * <p>XChart's logarithmic axes ignore a tick-label function, so a series holds log10 of its values on linear
 * axes: {@code getXData()} of a series added by {@link #addPositive} is log10 x, and tick labels show 10^tick.
 */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{2,}");

    private Charts() {
    }

    /** An empty log-log chart with its titles and the legend inside the top-left corner. */
    public static XYChart logLog(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(0.5f));
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::power);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(Charts::power);
        return chart;
    }

    /** The label of the tick at log10 value {@code exponent}: {@code 1e-4}, {@code 1}, {@code 1e6}; none between decades. */
    public static String power(double exponent) {
        long e = Math.round(exponent);
        if (Math.abs(exponent - e) > 1e-6) {
            return "";
        }
        return e == 0 ? "1" : String.format(Locale.ROOT, "1e%d", e);
    }

    /** Draws {@code series} as a guide: a dashed line without markers, so the data under it stays visible. */
    public static void asGuide(XYSeries series) {
        if (series != null) {
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }

    /** Sets both axes to the whole decades around the data, so the first and last decade carry a label. */
    static void spanDecades(XYChart chart) {
        double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] y = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                x[0] = Math.min(x[0], v);
                x[1] = Math.max(x[1], v);
            }
            for (double v : s.getYData()) {
                y[0] = Math.min(y[0], v);
                y[1] = Math.max(y[1], v);
            }
        }
        if (x[0] > x[1]) {
            return;
        }
        chart.getStyler().setXAxisMin(Math.floor(x[0] + 1e-9));
        chart.getStyler().setXAxisMax(Math.ceil(x[1] - 1e-9));
        chart.getStyler().setYAxisMin(Math.floor(y[0] + 1e-9));
        chart.getStyler().setYAxisMax(Math.ceil(y[1] - 1e-9));
    }

    /**
     * Adds the points (xs[i], ys[i]) with ys[i] &gt; 0 (a log axis has no room for the others) as a marked series
     * of (log10 xs[i], log10 ys[i]) and returns it; none left, no series (and null).
     */
    public static XYSeries addPositive(XYChart chart, String name, double[] xs, double[] ys) {
        int kept = 0;
        double[] x = new double[xs.length];
        double[] y = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            if (ys[i] > 0 && Double.isFinite(ys[i]) && xs[i] > 0) {
                x[kept] = Math.log10(xs[i]);
                y[kept] = Math.log10(ys[i]);
                kept++;
            }
        }
        if (kept == 0) {
            return null;
        }
        XYSeries series = chart.addSeries(name, Arrays.copyOf(x, kept), Arrays.copyOf(y, kept));
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /** Writes {@code <base>.png} and {@code <base>.svg} in {@code dir} (created if missing); returns the two paths. */
    public static List<Path> write(XYChart chart, Path dir, String base) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve(base + ".png");
        Path svg = dir.resolve(base + ".svg");
        Files.write(png, png(chart));
        Files.writeString(svg, svg(chart));
        return List.of(png, svg);
    }

    /**
     * The chart as SVG text, coordinates rounded to a tenth of a pixel (XChart writes every glyph as a path with
     * up to 15 decimals; rounding keeps the drawing and divides the size by three or more).
     */
    public static String svg(XYChart chart) throws IOException {
        spanDecades(chart);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        Matcher number = LONG_DECIMAL.matcher(bytes.toString(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        while (number.find()) {
            String rounded = String.format(Locale.ROOT, "%.1f", Double.parseDouble(number.group()));
            number.appendReplacement(out, rounded.endsWith(".0") ? rounded.substring(0, rounded.length() - 2) : rounded);
        }
        number.appendTail(out);
        return out.toString().replace("-0 ", "0 ").replace("-0,", "0,");
    }

    /** The chart as PNG bytes. */
    public static byte[] png(XYChart chart) throws IOException {
        spanDecades(chart);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
