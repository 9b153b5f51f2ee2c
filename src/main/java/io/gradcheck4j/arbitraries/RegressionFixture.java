package io.gradcheck4j.arbitraries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.NetworkFunction;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
import io.gradcheck4j.tensor.Tensor;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link NetworkCase} as a network fixture in the format of {@code fixtures/} (see
 * {@code fixtures/README.md}), ready to save as a regression test. The expected gradients are the
 * central finite differences of the case (never the backward pass under suspicion); the expected output
 * and loss are the forward pass.
 */
public final class RegressionFixture {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RegressionFixture() {
    }

    /**
     * The fixture JSON of {@code c}.
     *
     * @param name        the fixture name (the file name without {@code .json})
     * @param description one line saying where the case comes from, e.g. the property and its seed
     */
    public static String json(NetworkCase c, String name, String description) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "network");
        root.put("name", name);
        root.put("source", "generated");
        root.put("description", description);
        root.put("derivation", "expected.gradients are central finite differences (relative step "
                + CheckOptions.DEFAULT_STEP + ") of the loss at these values; expected.output and expected.loss are the forward pass");
        root.put("input", nested(c.input()));
        List<Object> layers = new ArrayList<>();
        for (Layer layer : c.network().layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("type", layer.type());
            if (!layer.parameters().isEmpty()) {
                Map<String, Object> params = new LinkedHashMap<>();
                layer.parameters().forEach((k, v) -> params.put(k, nested(v)));
                l.put("params", params);
            }
            layers.add(l);
        }
        root.put("layers", layers);
        Map<String, Object> loss = new LinkedHashMap<>();
        loss.put("type", c.loss().type());
        loss.put("target", c.loss().type().equals(SoftmaxCrossEntropy.TYPE) && c.target().rank() == 1
                ? labels(c.target()) : nested(c.target()));
        root.put("loss", loss);
        Tensor output = c.network().forward(c.input());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("output", nested(output));
        expected.put("loss", c.loss().value(output, c.target()));
        expected.put("gradients", numericGradients(c.function()));
        root.put("expected", expected);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> numericGradients(NetworkFunction f) {
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(1));
        Map<String, Object> gradients = new LinkedHashMap<>();
        for (Variable v : f.variables()) {
            gradients.put(v.name(), nested(Tensor.wrap(checker.numericGradient(f, v), v.value().shape())));
        }
        return gradients;
    }

    private static List<Integer> labels(Tensor t) {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            labels.add((int) t.get(i));
        }
        return labels;
    }

    /** A tensor as nested lists, row-major (a rank-0 tensor as its number). */
    static Object nested(Tensor t) {
        if (t.rank() == 0) {
            return t.item();
        }
        return nested(t, 0, 0);
    }

    private static List<Object> nested(Tensor t, int axis, int offset) {
        List<Object> out = new ArrayList<>();
        int stride = 1;
        for (int k = axis + 1; k < t.rank(); k++) {
            stride *= t.dim(k);
        }
        for (int i = 0; i < t.dim(axis); i++) {
            out.add(axis == t.rank() - 1 ? (Object) t.get(offset + i) : nested(t, axis + 1, offset + i * stride));
        }
        return out;
    }
}
