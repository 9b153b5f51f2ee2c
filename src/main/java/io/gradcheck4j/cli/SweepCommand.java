package io.gradcheck4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradcheck4j.charts.Charts;
import io.gradcheck4j.charts.SweepChart;
import io.gradcheck4j.functions.CircuitFunction;
import io.gradcheck4j.check.Differentiable;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Progress;
import io.gradcheck4j.check.Sweep;
import io.gradcheck4j.check.SweepResult;
import io.gradcheck4j.fixtures.CircuitFixture;
import io.gradcheck4j.fixtures.Fixture;
import io.gradcheck4j.fixtures.FixtureException;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.fixtures.NetworkFixture;
import io.gradcheck4j.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck4j sweep FIXTURE --entry NAME[i,j]}: the error of the central difference for one entry
 * of a fixture's function as the step runs from 1e-1 to 1e-12 (half-decades), as a table and an ASCII plot
 * of the V-shaped truncation/round-off curve, or as JSON; optionally as a log-log chart (PNG and SVG) and a
 * self-contained HTML report with the fixture's gradient check. Exit codes: 0 printed, 2 bad input or an
 * unwritable output.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        header = "Shows the finite-difference error of one entry as the step h sweeps 1e-1 .. 1e-12.",
        description = {"Shows how the finite-difference error of one entry depends on the step h (1e-1 .. 1e-12):",
                "truncation error falls as h^2 on the right, round-off error rises as 1/h on the left."},
        exitCodeListHeading = Execution.EXIT_HEADING,
        exitCodeList = {"0:printed", "2:bad input or usage, or an unwritable output (one line on stderr)",
                "3:the fixture's code did not complete: --timeout, System.exit, out of memory or stack"})
public final class SweepCommand implements Callable<Integer> {
    private static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIXTURE", description = "A fixture JSON file (network or circuit).")
    Path fixture;

    @Mixin
    UserCode userCode;

    @Option(names = "--entry", required = true, paramLabel = "NAME[i,j]",
            description = "The entry to sweep, e.g. layers.0.weight[0,1], input[1,2], or a circuit node x[].")
    String entry;

    @Option(names = "--json", description = "Print the sweep as JSON instead of a table and plot.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the chart as sweep.png and sweep.svg into DIR.")
    Path out;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report: the sweep (table, chart) and the fixture's gradient check.")
    Path html;

    @Override
    public Integer call() throws Exception {
        LayerSource source = userCode.open();
        try {
            return sweep(source);
        } finally {
            source.close();
        }
    }

    private int sweep(LayerSource source) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SweepResult result;
        Differentiable f;
        try {
            Sweep.Entry target = Sweep.parseEntry(entry);
            Progress.checking("fixture " + fixture + ", entry " + entry);
            Fixture loaded = new FixtureLoader(source.types()).load(fixture);
            f = loaded instanceof NetworkFixture n ? n.function() : new CircuitFunction(((CircuitFixture) loaded).circuit());
            result = Sweep.run(f, target.variable(), target.index());
        } catch (FixtureException | IllegalArgumentException e) {
            err.println("gradcheck4j sweep: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? toJson(result) : result.table() + "\n" + result.plot());
        try {
            if (this.out != null) {
                Charts.write(SweepChart.of(result), this.out, "sweep").forEach(p -> stdout.println("wrote " + p));
            }
            if (html != null) {
                HtmlReport page = new HtmlReport("gradcheck4j sweep: " + fixture.getFileName());
                SweepChart.addTo(page, result);
                page.check(GradientChecker.withDefaults().check(f));
                Files.writeString(html, page.render(), StandardCharsets.UTF_8);
                stdout.println("wrote " + html);
            }
        } catch (IOException e) {
            err.println("gradcheck4j sweep: cannot write " + (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "")
                    + Execution.reason(e));
            err.flush();
            return BAD_INPUT;
        }
        stdout.flush();
        return 0;
    }

    static String toJson(SweepResult r) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = mapper.createObjectNode();
        n.put("variable", r.variable());
        n.put("location", r.location());
        ArrayNode index = n.putArray("index");
        for (int i : r.index()) {
            index.add(i);
        }
        n.put("value", r.value());
        n.put("analytic", r.analytic());
        ArrayNode points = n.putArray("points");
        for (SweepResult.Point p : r.points()) {
            ObjectNode pn = points.addObject();
            pn.put("step", p.step());
            number(pn, "numeric", p.numeric());
            number(pn, "error", p.error());
            number(pn, "roundoffBound", p.roundoffBound());
        }
        n.put("bestStep", r.best().step());
        number(n, "bestError", r.best().error());
        return mapper.writeValueAsString(n) + "\n";
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
