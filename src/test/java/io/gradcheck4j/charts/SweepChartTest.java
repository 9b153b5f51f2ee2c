package io.gradcheck4j.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.Sweep;
import io.gradcheck4j.check.SweepResult;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.fixtures.NetworkFixture;
import io.gradcheck4j.report.HtmlReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class SweepChartTest {

    private static SweepResult perceptronWeightSweep() throws Exception {
        NetworkFixture fixture = (NetworkFixture) new FixtureLoader().load(Path.of("fixtures/seed001-perceptron-sigmoid.json"));
        return Sweep.run(fixture.function(), "layers.0.weight", new int[] {0, 0});
    }

    @Test
    void theChartShowsTheMeasuredErrorTheTwoModelsAndTheCheckersStep() throws Exception {
        // GIVEN the sweep of the sigmoid perceptron example's weight w1 = 0.4 (|v| < 1, so the checker's step is eps^(1/3) = 6.06e-6)
        SweepResult sweep = perceptronWeightSweep();
        // WHEN charted
        XYChart chart = SweepChart.of(sweep);
        // THEN four series, in order
        List<String> names = List.copyOf(chart.getSeriesMap().keySet());
        assertEquals(4, names.size(), names.toString());
        assertTrue(names.get(0).startsWith("measured error"), names.toString());
        assertTrue(names.get(1).startsWith("round-off model"), names.toString());
        assertEquals("truncation guide C h^2", names.get(2));
        assertEquals("near the checker's step 6.1e-06", names.get(3));
        // AND the marker sits on the swept step nearest 6.06e-6 on a log scale: 1e-5 (half a decade away at most);
        // series hold log10 of their values
        XYSeries marker = chart.getSeriesMap().get(names.get(3));
        assertArrayEquals(new double[] {-5}, marker.getXData(), 1e-12);
        // AND the truncation guide passes through the measured error at the largest step, h = 0.1, drawn without markers
        XYSeries guide = chart.getSeriesMap().get(names.get(2));
        assertEquals(-1, guide.getXData()[0], 1e-12);
        assertEquals(Math.log10(sweep.points().get(0).error()), guide.getYData()[0], 1e-12);
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, guide.getMarker());
        assertEquals(CheckOptions.DEFAULT_STEP, 6.055e-6, 1e-9);
    }

    @Test
    void theHtmlSectionHasTheTableAndTheImage() throws Exception {
        // GIVEN the same sweep
        SweepResult sweep = perceptronWeightSweep();
        HtmlReport page = new HtmlReport("sweep");
        // WHEN appended to a report
        SweepChart.addTo(page, sweep);
        String html = page.render();
        // THEN a heading names the entry, the table has one row per step (23 half-decades), the chart is embedded
        assertTrue(html.contains("<h2>Choosing the step: layers.0.weight[0, 0]</h2>"), html);
        assertEquals(23 + 1, html.split("<tr>", -1).length - 1);
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(Arrays.stream(html.split("\n")).anyMatch(l -> l.contains("analytic derivative a = ")));
    }

    @Test
    void ticksAreWrittenAsPowersOfTenAndTheAxesSpanWholeDecades() throws Exception {
        // GIVEN the chart of the sweep (errors from about 1e-13 to 1e-4, steps 1e-12 to 0.1)
        XYChart chart = SweepChart.of(perceptronWeightSweep());
        // WHEN rendered
        Charts.png(chart);
        // THEN the tick at log10 = -4 reads 1e-4, at 0 reads 1, between decades nothing
        assertEquals("1e-4", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(-4.0));
        assertEquals("1", Charts.power(0));
        assertEquals("1e6", Charts.power(6));
        assertEquals("", Charts.power(-3.5));
        // AND the x axis runs from the decade of the smallest step to that of the largest: 1e-12 .. 1e-1
        assertEquals(-12, chart.getStyler().getXAxisMin(), 1e-12);
        assertEquals(-1, chart.getStyler().getXAxisMax(), 1e-12);
        double top = Arrays.stream(chart.getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getYData())).toArray()).max().orElseThrow();
        assertEquals(Math.ceil(top), chart.getStyler().getYAxisMax(), 1e-12);
    }

    @Test
    void theSvgWeighsAtMost200Kilobytes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // GIVEN the sweep chart  WHEN written as PNG and SVG
        List<Path> files = Charts.write(SweepChart.of(perceptronWeightSweep()), dir, "sweep");
        // THEN the SVG is a drawing of at most 200 KB
        String svg = java.nio.file.Files.readString(files.get(1));
        assertTrue(svg.contains("<svg") && svg.contains("<path"), svg.substring(0, Math.min(500, svg.length())));
        assertTrue(java.nio.file.Files.size(files.get(1)) <= 200_000, java.nio.file.Files.size(files.get(1)) + " bytes");
    }

    @Test
    void theTableAndThePlotRunFromTheSmallestStepToTheLargestAsTheChart() throws Exception {
        // GIVEN a sweep, swept from h = 0.1 down to 1e-12
        SweepResult sweep = perceptronWeightSweep();
        // WHEN printed
        List<String> rows = sweep.table().lines().skip(2).limit(sweep.points().size()).toList();
        String axis = sweep.plot().lines().reduce((a, b) -> b).orElseThrow();
        // THEN the first row is h = 1e-12 and the last h = 0.1; the plot's axis is labelled 1e-12 ... 1e-1, left to right
        assertTrue(rows.get(0).startsWith("1.0e-12"), rows.toString());
        assertTrue(rows.get(rows.size() - 1).startsWith("1.0e-01"), rows.toString());
        assertTrue(axis.indexOf("1e-12") < axis.indexOf("1e-1 ") && axis.indexOf("1e-12") >= 0, axis);
    }
}
