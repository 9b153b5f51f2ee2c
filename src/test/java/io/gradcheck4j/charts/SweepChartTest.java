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
        // AND the marker sits on the swept step nearest 6.06e-6 on a log scale: 1e-5 (half a decade away at most)
        XYSeries marker = chart.getSeriesMap().get(names.get(3));
        assertArrayEquals(new double[] {1e-5}, marker.getXData(), 1e-20);
        // AND the truncation guide passes through the measured error at the largest step, h = 0.1
        XYSeries guide = chart.getSeriesMap().get(names.get(2));
        assertEquals(0.1, guide.getXData()[0], 0);
        assertEquals(sweep.points().get(0).error(), guide.getYData()[0], 1e-15 * sweep.points().get(0).error());
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
}
