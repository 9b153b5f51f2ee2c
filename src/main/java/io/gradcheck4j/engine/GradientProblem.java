package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One thing wrong with what a layer's backward returned at input x: dx must be there and shaped like x, and
 * there must be one gradient per parameter &theta;, shaped like &theta;, and none for a parameter the layer
 * does not have. Backprop ({@link LayerFailure}) stops at the first {@link #blocking()} problem; the
 * checker's diagnostics report each one.
 *
 * @param kind    what is wrong
 * @param tensor  the gradient's tensor: {@code input} or {@code parameter <name>}
 * @param message one line, e.g. {@code backward returned no gradient for parameter bias}
 */
public record GradientProblem(Kind kind, String tensor, String message) {

    /** What can be wrong with one gradient. */
    public enum Kind {
        /** backward returned no gradient for the input or a parameter. */
        MISSING,
        /** the gradient's shape differs from its tensor's. */
        WRONG_SHAPE,
        /** a gradient for a parameter the layer does not have. */
        UNEXPECTED
    }

    /** Whether backprop cannot go on past this layer (every kind but {@link Kind#UNEXPECTED}). */
    public boolean blocking() {
        return kind != Kind.UNEXPECTED;
    }

    /**
     * Every problem of {@code g}, returned by {@code layer}'s backward at input {@code x} (null counts as
     * no input gradient): the input's, then the parameters' in the layer's order, then the unexpected ones.
     */
    public static List<GradientProblem> of(Layer layer, Tensor x, LayerGradients g) {
        if (g == null || g.input() == null) {
            return List.of(new GradientProblem(Kind.MISSING, "input", "backward returned no input gradient"));
        }
        List<GradientProblem> problems = new ArrayList<>();
        if (!g.input().sameShape(x)) {
            problems.add(new GradientProblem(Kind.WRONG_SHAPE, "input", "backward returned an input gradient of shape "
                    + Arrays.toString(g.input().shape()) + " for an input of shape " + Arrays.toString(x.shape())));
        }
        Map<String, Tensor> parameters = layer.parameters();
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
            Tensor grad = g.parameters().get(p.getKey());
            if (grad == null) {
                problems.add(new GradientProblem(Kind.MISSING, "parameter " + p.getKey(), "backward returned no gradient for parameter " + p.getKey()));
            } else if (!grad.sameShape(p.getValue())) {
                problems.add(new GradientProblem(Kind.WRONG_SHAPE, "parameter " + p.getKey(), "backward returned a gradient of shape "
                        + Arrays.toString(grad.shape()) + " for parameter " + p.getKey() + " of shape " + Arrays.toString(p.getValue().shape())));
            }
        }
        for (String name : g.parameters().keySet()) {
            if (!parameters.containsKey(name)) {
                problems.add(new GradientProblem(Kind.UNEXPECTED, "parameter " + name, "backward returned a gradient for parameter "
                        + name + ", which the layer does not have (it has " + new TreeSet<>(parameters.keySet()) + ")"));
            }
        }
        return problems;
    }
}
