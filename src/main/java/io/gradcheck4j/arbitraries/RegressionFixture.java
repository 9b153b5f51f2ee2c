package io.gradcheck4j.arbitraries;

import io.gradcheck4j.check.AbsRelTolerance;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.fixtures.FixtureJson;
import io.gradcheck4j.fixtures.FixtureObjective;
import io.gradcheck4j.fixtures.NetworkExpectation;
import io.gradcheck4j.fixtures.NetworkFixture;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a {@link NetworkCase} as a network fixture in the format of {@code fixtures/} (see
 * {@code fixtures/README.md}), ready to save as a regression test. The expected gradients are the
 * central finite differences of the case (never the backward pass under suspicion); the expected output
 * and loss are the forward pass. Written by {@link FixtureJson}, so {@code FixtureLoader} reads it back.
 */
public final class RegressionFixture {
    /** Engine vs finite-difference expectations: |a - e| &le; 1e-6 + 1e-5 |e|. */
    private static final AbsRelTolerance TOLERANCE = new AbsRelTolerance(1e-6, 1e-5);

    private RegressionFixture() {
    }

    /**
     * The fixture JSON of {@code c}.
     *
     * @param name        the fixture name (the file name without {@code .json})
     * @param description one line saying where the case comes from, e.g. the property and its seed
     */
    public static String json(NetworkCase c, String name, String description) {
        Tensor output = c.network().forward(c.input());
        NetworkExpectation expected = new NetworkExpectation(output, c.loss().value(output, c.target()), numericGradients(c.function()));
        return FixtureJson.write(new NetworkFixture(name + ".json", name, "generated", description,
                "expected.gradients are central finite differences (relative step " + CheckOptions.DEFAULT_STEP
                        + ") of the loss at these values, accurate to about 1e-8 relative, hence the looser tolerance;"
                        + " expected.output and expected.loss are the forward pass",
                c.input(), c.network(), new FixtureObjective.LossTarget(c.loss(), c.target()), expected, TOLERANCE));
    }

    private static Map<String, Tensor> numericGradients(NetworkFunction f) {
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(1));
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        for (Variable v : f.variables()) {
            gradients.put(v.name(), Tensor.wrap(checker.numericGradient(f, v), v.value().shape()));
        }
        return gradients;
    }
}
