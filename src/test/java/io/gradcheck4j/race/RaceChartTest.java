package io.gradcheck4j.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.charts.Charts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The race charts: time ticks in readable units, the top decade labelled, only the table's series. */
class RaceChartTest {

    @Test
    void timeTicksUseReadableUnits() {
        // GIVEN ticks at log10 seconds  THEN each reads in the unit that keeps it between 1 and 999
        assertEquals("100 ns", RaceChart.time(-7));
        assertEquals("1 µs", RaceChart.time(-6));
        assertEquals("10 µs", RaceChart.time(-5));
        assertEquals("100 ms", RaceChart.time(-1));
        assertEquals("1 s", RaceChart.time(0));
        assertEquals("1e4 s", RaceChart.time(4));
        assertEquals("", RaceChart.time(-4.5));
    }

    @Test
    void theTimesChartPlotsTheTablesTwoTimeColumnsUpToTheirTopDecade() throws Exception {
        // GIVEN two rows, the second extrapolated: numeric 0.4 s and 20,000 s, backprop 2 ms and 50 ms
        List<RaceRow> rows = List.of(new RaceRow(new SigmoidMlp(1, 1, 1, 1), 300, 300, 0.001, 0.4, 0.002, 0),
                new RaceRow(new SigmoidMlp(5, 5, 10, 16), 30_000, 100, 0.01, 20_000, 0.05, 0));
        // WHEN charted and rendered
        XYChart chart = RaceChart.times(rows);
        Charts.png(chart);
        // THEN no "one forward pass" series (the table has no forward time column) and the y axis spans 1 ms .. 1e5 s
        assertTrue(chart.getSeriesMap().keySet().stream().noneMatch(n -> n.startsWith("one forward pass")), chart.getSeriesMap().keySet().toString());
        assertEquals(3, chart.getSeriesMap().size(), chart.getSeriesMap().keySet().toString());
        assertEquals(5, chart.getStyler().getYAxisMax(), 1e-12);
        assertEquals(-3, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals("1e5 s", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(5.0));
    }
}
