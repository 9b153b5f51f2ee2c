package io.gradcheck4j.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The sigmoid perceptron example's gradient descent: the SGD update w := w - &alpha; dE/dw lowers the loss for a small &alpha;, by
 * &alpha; |g|<sup>2</sup> to first order (L(&theta; - &alpha;g) = L(&theta;) - &alpha;|g|<sup>2</sup> + O(&alpha;<sup>2</sup>)),
 * wherever the step stays on one piece of every kinked layer and of the loss.
 */
@GradientProperties
class DescentProperties {

    @Property(seed = "1", tries = 150)
    void aSmallSgdStepLowersTheLossByAlphaTimesTheSquaredGradientNorm(@ForAll NetworkCase c) {
        // GIVEN the parameter gradient g of the loss
        Map<String, Tensor> grads = c.network().gradients(c.input(), c.objective());
        double squaredNorm = 0;
        for (int i = 0; i < c.network().layers().size(); i++) {
            for (String p : c.network().layers().get(i).parameters().keySet()) {
                Tensor g = grads.get(Network.parameterName(i, p));
                squaredNorm += g.dot(g);
            }
        }
        Assume.that(squaredNorm > 1e-8);
        double alpha = 1e-4 / Math.max(1, Math.sqrt(squaredNorm));

        // WHEN every parameter takes the step w := w - alpha g (on the same piece of every kinked layer and
        // of the loss: a step across a kink, e.g. of a generated case placed next to one, leaves the linear regime)
        NetworkCase stepped = c.withNetwork(step(c.network(), grads, alpha));
        Assume.that(samePieces(c, stepped));
        double before = c.lossValue();
        double after = stepped.lossValue();

        // THEN the loss falls, by alpha |g|^2 up to second-order terms
        double predicted = alpha * squaredNorm;
        assertTrue(after < before, "loss rose from " + before + " to " + after);
        double ratio = (before - after) / predicted;
        assertTrue(ratio > 0.9 && ratio < 1.1, "decrease " + (before - after) + " vs first-order prediction " + predicted);
    }

    /** Whether every layer and the loss take the same branches in both cases (see Layer.branchPattern). */
    private static boolean samePieces(NetworkCase a, NetworkCase b) {
        return pieces(a).equals(pieces(b));
    }

    private static List<List<Integer>> pieces(NetworkCase c) {
        Network.Trace trace = c.network().trace(c.input());
        List<List<Integer>> patterns = new ArrayList<>();
        for (int i = 0; i < c.network().layers().size(); i++) {
            patterns.add(Arrays.stream(c.network().layers().get(i).branchPattern(trace.activations().get(i))).boxed().toList());
        }
        patterns.add(Arrays.stream(c.loss().branchPattern(trace.output(), c.target())).boxed().toList());
        return patterns;
    }

    private static Network step(Network network, Map<String, Tensor> grads, double alpha) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            Map<String, Tensor> updated = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
                updated.put(p.getKey(), p.getValue().minus(grads.get(Network.parameterName(i, p.getKey())).scale(alpha)));
            }
            layers.add(layer.withParameters(updated));
        }
        return new Network(layers);
    }
}
