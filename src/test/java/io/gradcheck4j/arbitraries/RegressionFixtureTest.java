package io.gradcheck4j.arbitraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.fixtures.Fixture;
import io.gradcheck4j.fixtures.FixtureLoader;
import io.gradcheck4j.fixtures.FixtureRunner;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A case rendered as a fixture: the format of fixtures/, with finite-difference expectations. */
class RegressionFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aOneNeuronCaseBecomesANetworkFixtureWithClosedFormGradients() throws Exception {
        // GIVEN y = x w + b with x = 2, w = 0.5, b = 0.25 and E = 1/2 (y - t)^2, t = 1
        Affine affine = new Affine(Tensor.matrix(new double[] {0.5}), Tensor.vector(0.25));
        NetworkCase c = new NetworkCase(Network.of(affine), Tensor.matrix(new double[] {2}), new HalfSquaredError(),
                Tensor.matrix(new double[] {1}));

        // WHEN it is rendered
        JsonNode f = JSON.readTree(RegressionFixture.json(c, "regression-one-neuron", "a test case"));

        // THEN the fields follow fixtures/README.md and the expectations are the closed forms
        // y = 1.25, E = 1/2 * 0.25^2 = 0.03125, dE/dw = (y - t) x = 0.5, dE/db = y - t = 0.25, dE/dx = (y - t) w = 0.125
        assertEquals("network", f.get("kind").asText());
        assertEquals("regression-one-neuron", f.get("name").asText());
        assertEquals("affine", f.get("layers").get(0).get("type").asText());
        assertEquals(0.5, f.get("layers").get(0).get("params").get("weight").get(0).get(0).asDouble());
        assertEquals("half_squared_error", f.get("loss").get("type").asText());
        assertEquals(1.0, f.get("loss").get("target").get(0).get(0).asDouble());
        assertEquals(1.25, f.get("expected").get("output").get(0).get(0).asDouble(), 1e-15);
        assertEquals(0.03125, f.get("expected").get("loss").asDouble(), 1e-15);
        JsonNode g = f.get("expected").get("gradients");
        assertEquals(0.5, g.get("layers.0.weight").get(0).get(0).asDouble(), 1e-9);
        assertEquals(0.25, g.get("layers.0.bias").get(0).asDouble(), 1e-9);
        assertEquals(0.125, g.get("input").get(0).get(0).asDouble(), 1e-9);
    }

    @Test
    void theFixtureLoadsBackAndTheCorrectEnginePassesIt() {
        // GIVEN a generated two-block case
        Affine first = new Affine(Tensor.matrix(new double[] {0.3, -0.7}, new double[] {1.1, 0.2}), Tensor.vector(0.1, -0.2));
        Affine second = new Affine(Tensor.matrix(new double[] {0.5}, new double[] {-1.5}), Tensor.vector(0.05));
        NetworkCase c = new NetworkCase(Network.of(first, new Sigmoid(), second), Tensor.matrix(new double[] {1, -2}, new double[] {0.5, 0.25}),
                new HalfSquaredError(), Tensor.matrix(new double[] {1}, new double[] {0}));

        // WHEN its fixture is parsed by the fixture loader and run
        Fixture fixture = new FixtureLoader().parse(RegressionFixture.json(c, "regression-two-blocks", "a test case"),
                "regression-two-blocks.json", "regression-two-blocks");
        CaseResult result = FixtureRunner.withDefaults().run(fixture);

        // THEN it passes: the engine reproduces output, loss and the finite-difference gradients
        assertTrue(result.passed(), result.toString());
    }

    @Test
    void activationsHaveNoParamsAndLabelsStayIntegers() throws Exception {
        // GIVEN affine 2 -> 3, sigmoid, softmax cross-entropy with labels [2, 0]
        Affine affine = new Affine(Tensor.zeros(2, 3), Tensor.zeros(3));
        NetworkCase c = new NetworkCase(Network.of(affine, new Sigmoid()), Tensor.zeros(2, 2), new SoftmaxCrossEntropy(),
                Tensor.vector(2, 0));

        // WHEN it is rendered
        JsonNode f = JSON.readTree(RegressionFixture.json(c, "regression-labels", "a test case"));

        // THEN the sigmoid layer is just its type and the labels are integers
        assertEquals(1, f.get("layers").get(1).size());
        assertTrue(f.get("loss").get("target").get(0).isInt());
        assertEquals(2, f.get("loss").get("target").get(0).asInt());
    }
}
