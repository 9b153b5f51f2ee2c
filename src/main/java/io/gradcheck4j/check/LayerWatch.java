package io.gradcheck4j.check;

import io.gradcheck4j.engine.GradientProblem;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-layer checks of one network pass: each layer runs forward twice and backward twice, each
 * compared with its twin and with copies of its arguments and parameters taken before. A step returns
 * null when backprop cannot go on (the layer threw, or its gradients are missing or misshapen).
 */
final class LayerWatch {
    /** The finding of each kind of gradient problem. */
    private static final Map<GradientProblem.Kind, Finding.Kind> KINDS = Map.of(
            GradientProblem.Kind.MISSING, Finding.Kind.MISSING_GRADIENT,
            GradientProblem.Kind.WRONG_SHAPE, Finding.Kind.WRONG_GRADIENT_SHAPE,
            GradientProblem.Kind.UNEXPECTED, Finding.Kind.UNEXPECTED_GRADIENT);
    private final List<Finding> found = new ArrayList<>();
    /** &Sigma; |&part;f/&part;a| |a| over the outputs of the layers seen so far (see {@link Diagnostics.Outcome#roundoff}). */
    private double sensitivity;
    private final List<Map<String, double[]>> paramsBefore;
    private final double tol;

    LayerWatch(int layers, double tol) {
        this.paramsBefore = new ArrayList<>(Collections.nCopies(layers, null));
        this.tol = tol;
    }

    Tensor forward(int i, Layer layer, Tensor x) {
        String where = where(i, layer);
        double[] inputBefore = x.toArray();
        paramsBefore.set(i, copies(layer.parameters()));
        Tensor y = null;
        Tensor again = null;
        try {
            y = layer.forward(x);
            again = layer.forward(x);
        } catch (RuntimeException e) {
            // the check that follows reports the failure
        }
        unchanged(where + " input", "forward changed its input", inputBefore, x);
        parametersUnchanged(i, layer, "forward");
        if (y == null || again == null) {
            return null;
        }
        Diagnostics.differs(where, Finding.Kind.NONDETERMINISTIC_FORWARD, "two evaluations at the same point differ, so finite"
                + " differences cannot be trusted (two forward passes on the same input)", "the output", y, again, tol)
                .ifPresent(found::add);
        return y;
    }

    LayerGradients backward(int i, Layer layer, Tensor x, Tensor y, Tensor dy) {
        if (y.sameShape(dy)) {
            for (int k = 0; k < y.size(); k++) {
                sensitivity += Math.abs(dy.get(k) * y.get(k));
            }
        }
        String where = where(i, layer);
        double[] xBefore = x.toArray();
        double[] yBefore = y.toArray();
        double[] dyBefore = dy.toArray();
        LayerGradients first = null;
        LayerGradients second = null;
        boolean threw = false;
        try {
            first = layer.backward(x, y, dy);
            second = layer.backward(x, y, dy);
        } catch (RuntimeException e) {
            threw = true;
        }
        unchanged(where + " input", "backward changed its input x", xBefore, x);
        unchanged(where + " output", "backward changed the output y it was given", yBefore, y);
        unchanged(where + " upstream gradient", "backward changed the upstream gradient dy", dyBefore, dy);
        parametersUnchanged(i, layer, "backward");
        if (threw) {
            return null;
        }
        List<GradientProblem> problems = GradientProblem.of(layer, x, first);
        problems.forEach(p -> found.add(new Finding(KINDS.get(p.kind()), where + " " + p.tensor(), p.message())));
        if (problems.stream().anyMatch(GradientProblem::blocking)) {
            return null;
        }
        if (second != null && second.input() != null) {
            Diagnostics.differs(where, Finding.Kind.BACKWARD_NOT_REENTRANT, "two backward passes on the same x, y, dy differ",
                    "the input gradient", first.input(), second.input(), tol).ifPresent(found::add);
            for (Map.Entry<String, Tensor> g : first.parameters().entrySet()) {
                Tensor other = second.parameters().get(g.getKey());
                if (other != null) {
                    Diagnostics.differs(where, Finding.Kind.BACKWARD_NOT_REENTRANT, "two backward passes on the same x, y, dy differ",
                            "the gradient of parameter " + g.getKey(), g.getValue(), other, tol).ifPresent(found::add);
                }
            }
        }
        return first;
    }

    /** An INPUT_MUTATION finding per parameter of layer i changed since its forward, unless already reported. */
    private void parametersUnchanged(int i, Layer layer, String pass) {
        for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
            unchanged(where(i, layer) + " parameter " + p.getKey(), pass + " changed this parameter",
                    paramsBefore.get(i).get(p.getKey()), p.getValue());
        }
    }

    /** An INPUT_MUTATION finding when {@code now} differs from {@code before}, unless one names {@code location} already. */
    private void unchanged(String location, String what, double[] before, Tensor now) {
        if (before != null && found.stream().noneMatch(f -> f.kind() == Finding.Kind.INPUT_MUTATION && f.location().equals(location))) {
            Diagnostics.changed(location, what, before, now).ifPresent(found::add);
        }
    }

    private static String where(int i, Layer layer) {
        return "layer " + i + " (" + layer.type() + ")";
    }

    /** The findings so far, in order. */
    List<Finding> found() {
        return found;
    }

    /** &Sigma; |&part;f/&part;a| |a| over the outputs of the layers seen so far. */
    double sensitivity() {
        return sensitivity;
    }

    private static Map<String, double[]> copies(Map<String, Tensor> tensors) {
        Map<String, double[]> out = new LinkedHashMap<>();
        tensors.forEach((k, t) -> out.put(k, t.toArray()));
        return out;
    }
}
