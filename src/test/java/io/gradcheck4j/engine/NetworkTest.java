package io.gradcheck4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private static final Network SEED_003 = Network.of(
            new Affine(Tensor.matrix(new double[] {1, 3, 5}, new double[] {2, 4, 6}), Tensor.vector(1, 2, 3)),
            new Affine(Tensor.matrix(new double[] {1, 4}, new double[] {2, 5}, new double[] {3, 6}), Tensor.vector(1, 2)));
    private static final Tensor X = Tensor.matrix(new double[] {1, 2});

    @Test
    void twoAffineLayersPrintNinetyThreeTwoHundredEleven() {
        // GIVEN the numpy Affine example's two-layer network WHEN forward
        // THEN y1 = [6, 13, 20] and y2 = [6 + 26 + 60 + 1, 24 + 65 + 120 + 2] = [93, 211]
        Network.Trace trace = SEED_003.trace(X);
        assertArrayEquals(new double[] {6, 13, 20}, trace.activations().get(1).toArray());
        assertArrayEquals(new double[] {93, 211}, trace.output().toArray());
    }

    @Test
    void backwardWithDyEqualToTheOutput() {
        // GIVEN dy = y2 = [93, 211] (the gradient of 1/2 * sum(y2^2))
        Tensor y2 = Tensor.matrix(new double[] {93, 211});
        // WHEN backprop runs through both layers
        Map<String, Tensor> g = SEED_003.gradients(X, Objective.upstream(y2));
        // THEN by hand: dx1 = dy . W2^T = [93 + 844, 186 + 1055, 279 + 1266] = [937, 1241, 1545]
        assertArrayEquals(new double[] {937, 1241, 1545}, g.get("layers.0.bias").toArray());
        // AND dW2 = y1^T . dy, db2 = dy
        assertArrayEquals(new double[] {558, 1266, 1209, 2743, 1860, 4220}, g.get("layers.1.weight").toArray());
        assertArrayEquals(new double[] {93, 211}, g.get("layers.1.bias").toArray());
        // AND dW1 = x^T . dx1, dx = dx1 . W1^T = [937 + 3723 + 7725, 1874 + 4964 + 9270]
        assertArrayEquals(new double[] {937, 1241, 1545, 1874, 2482, 3090}, g.get("layers.0.weight").toArray());
        assertArrayEquals(new double[] {12385, 16108}, g.get(Network.INPUT).toArray());
        assertEquals(List.of("input", "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"), List.copyOf(g.keySet()));
    }

    @Test
    void halfSquaredErrorAgainstZeroGivesTheSameGradient() {
        // GIVEN the loss 1/2 * sum((y - 0)^2), whose gradient at y2 is y2
        Objective loss = Objective.loss(new HalfSquaredError(), Tensor.zeros(1, 2));
        // WHEN / THEN the loss is (93^2 + 211^2) / 2 = 26585 and dx matches the upstream version
        assertEquals(26585, loss.value(SEED_003.forward(X)), 0);
        assertArrayEquals(new double[] {12385, 16108}, SEED_003.gradients(X, loss).get("input").toArray());
    }

    @Test
    void perceptronGradientsFollowSeedOnesClosedForms() {
        // GIVEN a = x w + b with x = [2], w = [0.5], b = [-1] so a = 0 and y = sigmoid(0) = 1/2; target t = 1
        Network perceptron = Network.of(new Affine(Tensor.matrix(new double[] {0.5}), Tensor.vector(-1)), new Sigmoid());
        Objective error = Objective.loss(new HalfSquaredError(), Tensor.matrix(new double[] {1}));
        // WHEN backprop runs
        Map<String, Tensor> g = perceptron.gradients(Tensor.matrix(new double[] {2}), error);
        // THEN (y - t) sigma'(a) = (-1/2)(1/4) = -1/8; dE/dw = -1/8 * x = -1/4; dE/db = -1/8; dE/dx = -1/8 * w = -1/16
        assertArrayEquals(new double[] {-0.25}, g.get("layers.0.weight").toArray());
        assertArrayEquals(new double[] {-0.125}, g.get("layers.0.bias").toArray());
        assertArrayEquals(new double[] {-0.0625}, g.get("input").toArray());
    }

    @Test
    void aFailingLayerIsNamedByIndexAndType() {
        // GIVEN an input of the wrong width for layer 0
        // WHEN forward THEN the failure names layer 0 (affine)
        LayerFailure e = assertThrows(LayerFailure.class, () -> SEED_003.forward(Tensor.zeros(1, 5)));
        assertEquals(0, e.layerIndex());
        assertTrue(e.getMessage().startsWith("layer 0 (affine): forward failed"), e.getMessage());
    }

    @Test
    void aMisshapedGradientIsRejected() {
        // GIVEN a layer whose backward returns a gradient of the wrong shape
        Layer broken = new Layer() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(Tensor.zeros(1));
            }
        };
        // WHEN backprop runs THEN the failure names the layer and both shapes
        LayerFailure e = assertThrows(LayerFailure.class,
                () -> Network.of(broken).gradients(Tensor.zeros(2, 2), Objective.upstream(Tensor.zeros(2, 2))));
        assertTrue(e.getMessage().contains("layer 0 (broken)") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @Test
    void parametersAreNamedByLayerIndex() {
        // GIVEN / WHEN / THEN names are layers.<i>.<param> and the count is 6 + 3 + 6 + 2
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"), List.copyOf(SEED_003.parameters().keySet()));
        assertEquals(17, SEED_003.parameterCount());
    }
}
