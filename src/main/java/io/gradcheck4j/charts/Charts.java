package io.gradcheck4j.charts;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What every gradcheck4j chart shares (XChart, rendered without a display): a white log-log chart of a fixed
 * size, series of marked points, and output as PNG bytes or as PNG and SVG files.
 */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private Charts() {
    }

    /** An empty log-log chart with its titles and the legend inside the top-left corner. */
    public static XYChart logLog(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /** Adds the points (xs[i], ys[i]) with ys[i] &gt; 0 (a log axis has no room for the others) as a marked series; none left, no series. */
    public static void addPositive(XYChart chart, String name, double[] xs, double[] ys) {
        int kept = 0;
        double[] x = new double[xs.length];
        double[] y = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            if (ys[i] > 0 && Double.isFinite(ys[i]) && xs[i] > 0) {
                x[kept] = xs[i];
                y[kept] = ys[i];
                kept++;
            }
        }
        if (kept == 0) {
            return;
        }
        XYSeries series = chart.addSeries(name, Arrays.copyOf(x, kept), Arrays.copyOf(y, kept));
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    /** Writes {@code <base>.png} and {@code <base>.svg} in {@code dir} (created if missing); returns the two paths. */
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
}
