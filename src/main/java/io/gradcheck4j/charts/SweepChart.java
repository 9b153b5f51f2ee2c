package io.gradcheck4j.charts;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.SweepResult;
import io.gradcheck4j.report.HtmlReport;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The V of a step sweep ({@link io.gradcheck4j.check.Sweep}) on log-log axes: the measured error
 * |D(h) - a| of the central difference against the step h, the round-off part of the error model
 * &epsilon; (|f(v + h)| + |f(v - h)|) / 2h (rising as 1/h on the left), the truncation guide C h<sup>2</sup>
 * through the largest step's error (falling on the right; drawn down to a tenth of the smallest measured
 * error, so it does not stretch the axis), and the checker's default step
 * h = &epsilon;<sup>1/3</sup> (scaled by max(|v|, 1)) where the two meet.
 */
public final class SweepChart {

    private SweepChart() {
    }

    /** The chart of one sweep. */
    public static XYChart of(SweepResult sweep) {
        List<SweepResult.Point> points = sweep.points();
        double[] steps = points.stream().mapToDouble(SweepResult.Point::step).toArray();
        XYChart chart = Charts.logLog(String.format(Locale.ROOT, "Finite-difference error of %s%s against the step",
                sweep.variable(), Arrays.toString(sweep.index())), "step h", "|numeric - analytic|");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        Charts.addPositive(chart, "measured error |D(h) - a|", steps, points.stream().mapToDouble(SweepResult.Point::error).toArray());
        Charts.addPositive(chart, "round-off model eps (|f(v+h)| + |f(v-h)|) / 2h: the rounding of the two f values only", steps,
                points.stream().mapToDouble(SweepResult.Point::roundoffBound).toArray());
        SweepResult.Point largest = points.stream().max((p, q) -> Double.compare(p.step(), q.step())).orElseThrow();
        double c = largest.error() / (largest.step() * largest.step());
        double floor = points.stream().mapToDouble(SweepResult.Point::error).filter(e -> e > 0).min().orElse(0) / 10;
        Charts.asGuide(Charts.addPositive(chart, "truncation guide C h^2", steps,
                Arrays.stream(steps).map(h -> c * h * h).map(g -> g >= floor ? g : 0).toArray()));
        double defaultStep = CheckOptions.DEFAULT_STEP * Math.max(Math.abs(sweep.value()), 1.0);
        SweepResult.Point nearest = points.stream()
                .min((p, q) -> Double.compare(Math.abs(Math.log(p.step() / defaultStep)), Math.abs(Math.log(q.step() / defaultStep))))
                .orElseThrow();
        Charts.addPositive(chart, String.format(Locale.ROOT, "near the checker's step %.1e", defaultStep),
                new double[] {nearest.step()}, new double[] {nearest.error()});
        return chart;
    }

    /**
     * Appends the sweep to an HTML report: a heading naming the entry, its value and analytic derivative,
     * the table of steps (numeric derivative, error, round-off model) and the chart.
     */
    public static void addTo(HtmlReport page, SweepResult sweep) throws IOException {
        SweepResult.Point best = sweep.best();
        page.heading(String.format(Locale.ROOT, "Choosing the step: %s%s", sweep.variable(), Arrays.toString(sweep.index())));
        page.paragraph(String.format(Locale.ROOT, "%s%s (%s) = %.17g, analytic derivative a = %.17g. The central difference "
                        + "D(h) = (f(v + h) - f(v - h)) / 2h is off by truncation, falling like h^2 as h shrinks, and by round-off, "
                        + "rising like 1/h; the error is smallest, %.3g, at h = %.1e. The round-off model counts only the rounding of "
                        + "the two values of f; the rounding of every operation inside f adds to it, so at small steps the measured "
                        + "error can rise above the model's line.", sweep.variable(), Arrays.toString(sweep.index()),
                sweep.location(), sweep.value(), sweep.analytic(), best.error(), best.step()));
        List<List<String>> rows = sweep.ascending().stream().map(p -> List.of(String.format(Locale.ROOT, "%.1e", p.step()),
                String.format(Locale.ROOT, "%.17g", p.numeric()), String.format(Locale.ROOT, "%.3e", p.error()),
                String.format(Locale.ROOT, "%.3e", p.roundoffBound()))).toList();
        page.table("The error at each step, smallest step first", List.of("step h", "numeric D(h)", "|D(h) - a|", "round-off model"), rows, 0, "");
        page.image("finite-difference error against the step, log-log", Charts.png(of(sweep)));
    }
}
