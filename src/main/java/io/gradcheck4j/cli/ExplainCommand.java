package io.gradcheck4j.cli;

import io.gradcheck4j.check.Progress;
import io.gradcheck4j.explain.CircuitExplanation;
import io.gradcheck4j.explain.NetworkExplanation;
import io.gradcheck4j.fixtures.CircuitFixture;
import io.gradcheck4j.fixtures.Fixture;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.fixtures.FixtureObjective;
import io.gradcheck4j.fixtures.NetworkFixture;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck4j explain FIXTURE}: the forward and backward passes of a fixture step by step, node by
 * node for a circuit (as in the CS231n circuit), layer by layer with the named chain-rule factors for a network (as in the sigmoid perceptron example).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        header = "Prints a fixture's forward and backward pass step by step.",
        description = {"Prints the forward and backward pass of a fixture step by step: gate by gate for a circuit,",
                "layer by layer with the chain-rule factors (dE/dy = (y - t), dy/da = y(1 - y), da/dw = x, ...) for a network."},
        exitCodeListHeading = Execution.EXIT_HEADING,
        exitCodeList = {"0:printed", Execution.EXIT_BAD_INPUT, "3:the fixture's code did not complete: --timeout, System.exit, out of memory or stack"})
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    UserCode userCode;

    @Parameters(paramLabel = "FIXTURE", description = "A fixture JSON file, e.g. fixtures/seed000-cs231n-circuit.json.")
    Path fixture;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LayerSource source = userCode.open();
        try {
            Progress.checking("fixture " + fixture);
            return explain(new FixtureLoader(source.types()).load(fixture), out);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new LayerSource.BadInput(fixture + ": cannot explain it: " + e.getMessage());
        } finally {
            source.close();
        }
    }

    private static int explain(Fixture loaded, PrintWriter out) {
        List<String> lines;
        String title;
        if (loaded instanceof CircuitFixture c) {
            title = c.name() + " (circuit" + source(c.source()) + ")";
            lines = CircuitExplanation.lines(c.circuit());
            out.println(title);
            describe(out, c.description());
        } else {
            NetworkFixture n = (NetworkFixture) loaded;
            title = n.name() + " (network" + source(n.source()) + ")";
            out.println(title);
            describe(out, n.description());
            lines = n.objective() instanceof FixtureObjective.LossTarget lt
                    ? NetworkExplanation.lines(n.network(), n.input(), lt.loss(), lt.target(), null)
                    : NetworkExplanation.lines(n.network(), n.input(), null, null, ((FixtureObjective.Upstream) n.objective()).upstream());
        }
        out.println();
        lines.forEach(out::println);
        out.flush();
        return 0;
    }

    private static String source(String source) {
        return source.isEmpty() ? "" : ", from " + source;
    }

    private static void describe(PrintWriter out, String description) {
        if (!description.isEmpty()) {
            out.println(description);
        }
    }
}
