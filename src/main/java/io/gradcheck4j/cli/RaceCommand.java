package io.gradcheck4j.cli;

import io.gradcheck4j.charts.Charts;
import io.gradcheck4j.charts.SweepChart;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Sweep;
import io.gradcheck4j.race.Durations;
import io.gradcheck4j.race.Race;
import io.gradcheck4j.race.RaceChart;
import io.gradcheck4j.race.RaceRow;
import io.gradcheck4j.race.RaceTable;
import io.gradcheck4j.race.SigmoidMlp;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.knowm.xchart.XYChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck4j race}: why backprop beats numeric differentiation. Times one numeric gradient (2P
 * forward passes) against one backprop gradient for MLPs of growing P, prints the table, optionally writes
 * log-log charts (PNG and SVG) and a self-contained HTML report with the gradient checks of the smaller
 * networks and the step sweep of one weight of the smallest (the V of truncation and round-off, see
 * {@link SweepChart}). A progress bar runs on stderr on a terminal, a plain line per network otherwise.
 */
@Command(name = "race", mixinStandardHelpOptions = true,
        header = "Times a numeric gradient against a backprop gradient for growing networks.",
        description = {"Times one numeric gradient (2P forward passes) against one backprop gradient (forward + backward)",
                "for w-w-10 sigmoid MLPs (batch 16, half squared error) with P from about 1e2 to --max-params.",
                "Large P: the numeric time is extrapolated from k sampled coordinates (marked * in the table)."},
        exitCodeListHeading = Execution.EXIT_HEADING,
        exitCodeList = {"0:raced", "2:bad input or usage, or an unwritable output (one line on stderr)"})
public final class RaceCommand implements Callable<Integer> {
    /** The entry whose step sweep closes the HTML report: the first weight of the smallest network. */
    static final String SWEPT_VARIABLE = "layers.0.weight";

    @Spec
    CommandSpec spec;

    @Option(names = "--max-params", paramLabel = "P", description = "Largest parameter count raced (default: ${DEFAULT-VALUE}).")
    long maxParams = 1_000_000;

    @Option(names = "--budget", paramLabel = "SECONDS", description = "Measured numeric work per network before extrapolating (default: ${DEFAULT-VALUE}).")
    double budget = 2.0;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the random networks (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Write race-times and race-ratio charts as PNG and SVG into DIR.")
    Path out;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report (table, charts, gradient checks, a step sweep).")
    Path html;

    @Option(names = "--check-max", paramLabel = "P", description = "In the HTML report, fully check (every entry) the networks with at most P parameters (default: ${DEFAULT-VALUE}).")
    long checkMax = 40_000;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--budget must be a finite number of seconds > 0, got " + budget);
        }
        List<SigmoidMlp> networks = Race.networks(maxParams);
        if (networks.isEmpty()) {
            stderr.println("gradcheck4j race: no race network has at most " + maxParams + " parameters (the smallest has "
                    + Race.networks(Long.MAX_VALUE).get(0).parameterCount() + ")");
            return 2;
        }
        if (out != null) {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                stderr.println("gradcheck4j race: error: cannot write the charts into --out " + out + ": " + Execution.reason(e));
                return 2;
            }
        }
        List<RaceRow> rows = race(networks, stderr);
        stdout.print(RaceTable.text(rows));
        List<XYChart> charts = List.of(RaceChart.times(rows), RaceChart.ratio(rows));
        if (out != null) {
            try {
                Charts.write(charts.get(0), out, "race-times").forEach(p -> stdout.println("wrote " + p));
                Charts.write(charts.get(1), out, "race-ratio").forEach(p -> stdout.println("wrote " + p));
            } catch (IOException e) {
                stderr.println("gradcheck4j race: error: cannot write the charts into --out " + out + ": " + Execution.reason(e));
                return 2;
            }
        }
        if (html != null && !Execution.write(html, report(rows, charts, networks), "the HTML report", stdout, stderr)) {
            return 2;
        }
        stdout.flush();
        return 0;
    }

    /**
     * Races the networks, with a progress bar on stderr when the JVM has a terminal ({@code System.console()}),
     * else one plain line per network.
     */
    private List<RaceRow> race(List<SigmoidMlp> networks, PrintWriter stderr) {
        Race race = new Race(budget, seed);
        if (System.console() == null) {
            return race.run(networks, (index, count, network) -> {
                stderr.println(String.format(Locale.ROOT, "race: network %d of %d, P = %,d", index + 1, count, network.parameterCount()));
                stderr.flush();
            });
        }
        List<RaceRow> rows;
        try (ProgressBar bar = progressBar(stderr, networks.size())) {
            rows = race.run(networks, (index, count, network) -> {
                bar.stepTo(index);
                bar.setExtraMessage(String.format(Locale.ROOT, "P = %,d", network.parameterCount()));
            });
            bar.stepTo(networks.size());
        }
        stderr.println();
        return rows;
    }

    private String report(List<RaceRow> rows, List<XYChart> charts, List<SigmoidMlp> networks) throws IOException {
        HtmlReport page = new HtmlReport("gradcheck4j race: numeric differentiation vs backprop");
        page.paragraph(RaceTable.summary(rows));
        page.paragraph("One gradient of a w-w-10 sigmoid MLP (batch 16, half squared error) computed two ways: numerically by "
                + "central differences, two full forward passes per parameter (2P passes), and by backprop, one forward and one "
                + "backward pass (about three forward passes). The ratio grows like 2P/3.");
        page.heading("The race");
        page.table("Time of one gradient", RaceTable.HEADINGS, rows.stream().map(RaceTable::cells).toList(), 2, RaceTable.footnote(rows));
        page.image("time of one gradient against P, log-log", Charts.png(charts.get(0)));
        page.image("numeric / backprop time against P, log-log", Charts.png(charts.get(1)));
        List<SigmoidMlp> checked = networks.stream().filter(mlp -> mlp.parameterCount() <= checkMax).toList();
        if (!checked.isEmpty()) {
            page.heading("Full checks by gradcheck4j");
            page.paragraph("Every entry of the input and of every parameter, central differences, all cores; each perturbation "
                    + "re-runs only the layers after the perturbed one, an affine layer recomputes one output column.");
        }
        for (SigmoidMlp mlp : checked) {
            long start = System.nanoTime();
            CheckReport check = GradientChecker.withDefaults().check(mlp.build(seed));
            page.check(String.format(Locale.ROOT, "%s (P = %,d): %,d entries checked in %s", mlp.describe(), mlp.parameterCount(),
                    check.checked(), Durations.format((System.nanoTime() - start) / 1e9)), check);
        }
        SigmoidMlp smallest = networks.get(0);
        SweepChart.addTo(page, Sweep.run(smallest.build(seed), SWEPT_VARIABLE, new int[] {0, 0}));
        return page.render();
    }

    private static ProgressBar progressBar(PrintWriter stderr, int max) {
        return new ProgressBarBuilder().setTaskName("race").setInitialMax(max).setUpdateIntervalMillis(250)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    stderr.print('\r' + line);
                    stderr.flush();
                })).build();
    }
}
