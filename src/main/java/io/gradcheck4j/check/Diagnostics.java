package io.gradcheck4j.check;

import io.gradcheck4j.engine.GradientProblem;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Fault diagnostics run beside the gradient comparison, each producing a distinct {@link Finding}:
 * <ul>
 *   <li>{@code INPUT_MUTATION}: forward changed its input or a parameter, or backward its x, y, dy or a
 *       parameter (copies taken before are compared after each layer's two forward passes and two backward
 *       passes, and every variable after the whole check);</li>
 *   <li>{@code NONDETERMINISTIC_FORWARD}: two forward passes on the same values differ by more than the
 *       options' nondeterminism tolerance (0: bitwise);</li>
 *   <li>{@code BACKWARD_NOT_REENTRANT}: two backward passes on the same x, y, dy differ;</li>
 *   <li>{@code MISSING_GRADIENT} / {@code WRONG_GRADIENT_SHAPE}: backward left out a gradient or shaped it wrongly;</li>
 *   <li>{@code UNEXPECTED_GRADIENT}: backward returned a gradient for a parameter the layer does not have;</li>
 *   <li>{@code NON_FINITE_ANALYTIC} / {@code NON_FINITE_NUMERIC}: NaN or infinity in either gradient
 *       (raised by the checker while comparing);</li>
 *   <li>{@code FLOAT_PRECISION}: {@link #precision}.</li>
 * </ul>
 * For a {@link LayerwiseFunction} (a network function) the forward/backward checks run layer by layer inside the network's own
 * passes ({@link Network#trace(Tensor, Network.ForwardStep)}, {@link Network#backward(Network.Trace, Tensor,
 * Network.BackwardStep)}) and name the layer; for any other {@link Differentiable} they run on f and its
 * gradient as a whole. Diagnostics never throw for a
 * failing layer: the check that follows reports that failure.
 */
public final class Diagnostics {
    /** Step of the precision probe, relative to max(|v|, 1): far below the checker's, so f's noise shows. */
    static final double PRECISION_STEP = 1e-9;
    private static final int PRECISION_ENTRIES = 3;
    private static final double PRECISION_ROUNDOFF_MULTIPLE = 1e3;
    private static final double PRECISION_RELATIVE = 1e-3;
    /** The finding of each kind of gradient problem. */
    private static final Map<GradientProblem.Kind, Finding.Kind> KINDS = Map.of(
            GradientProblem.Kind.MISSING, Finding.Kind.MISSING_GRADIENT,
            GradientProblem.Kind.WRONG_SHAPE, Finding.Kind.WRONG_GRADIENT_SHAPE,
            GradientProblem.Kind.UNEXPECTED, Finding.Kind.UNEXPECTED_GRADIENT);

    private Diagnostics() {
    }

    /** The forward/backward diagnostics of f (everything but NaN and precision, which need the comparison). */
    public static List<Finding> run(Differentiable f, CheckOptions options) {
        return runAndDifferentiate(f, options).findings();
    }

    /**
     * The findings of {@link #run} and, for a {@link LayerwiseFunction} whose every layer went forward and
     * backward cleanly, the analytic gradient from the first of the two backward passes (the same layer calls
     * on the same values as the function's {@code analyticGradient}, so a checker need not repeat them);
     * otherwise the gradient is null.
     */
    static Outcome runAndDifferentiate(Differentiable f, CheckOptions options) {
        double tol = options.nondeterminismTolerance();
        return f instanceof LayerwiseFunction network ? layers(network, tol) : new Outcome(whole(f, tol), null, 0);
    }

    /**
     * Findings, the analytic gradient when it was computed on the way (null otherwise), and the rounding
     * error of one evaluation of f propagated from its activations (0 when unknown): to first order, rounding
     * each activation a<sub>i</sub> of every layer's output by &epsilon;|a<sub>i</sub>| moves f by
     * &epsilon; &Sigma;<sub>i</sub> |&part;f/&part;a<sub>i</sub>| |a<sub>i</sub>|, summed over the layers (a linearised
     * running-error bound, with &part;f/&part;a from the same backward pass). Unlike &epsilon;|f| it stays honest
     * when f is a small difference of large terms (an L1 loss near 0) or amplifies its inputs' rounding (a
     * cross-entropy on a saturated sigmoid).
     */
    record Outcome(List<Finding> findings, Map<String, Tensor> gradient, double roundoff) {
    }

    private static Outcome layers(LayerwiseFunction f, double tol) {
        Network network = f.network();
        LayerWatch watch = new LayerWatch(network.layers().size(), tol);
        Network.Trace trace = network.trace(f.input(), watch::forward);
        if (trace == null) {
            return new Outcome(watch.found, null, 0);
        }
        Tensor dy;
        try {
            dy = f.objective().gradient(trace.output());
        } catch (RuntimeException e) {
            return new Outcome(watch.found, null, 0);
        }
        Map<String, Tensor> gradient = dy == null ? null : network.backward(trace, dy, watch::backward);
        return new Outcome(watch.found, gradient, gradient == null ? 0 : NumericDerivative.EPSILON * watch.sensitivity);
    }

    /**
     * The per-layer checks of one network pass: each layer runs forward twice and backward twice, each
     * compared with its twin and with copies of its arguments and parameters taken before. A step returns
     * null when backprop cannot go on (the layer threw, or its gradients are missing or misshapen).
     */
    private static final class LayerWatch {
        private final List<Finding> found = new ArrayList<>();
        /** &Sigma; |&part;f/&part;a| |a| over the outputs of the layers seen so far (see {@link Outcome#roundoff}). */
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
            differs(where, Finding.Kind.NONDETERMINISTIC_FORWARD, "two evaluations at the same point differ, so finite"
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
                differs(where, Finding.Kind.BACKWARD_NOT_REENTRANT, "two backward passes on the same x, y, dy differ",
                        "the input gradient", first.input(), second.input(), tol).ifPresent(found::add);
                for (Map.Entry<String, Tensor> g : first.parameters().entrySet()) {
                    Tensor other = second.parameters().get(g.getKey());
                    if (other != null) {
                        differs(where, Finding.Kind.BACKWARD_NOT_REENTRANT, "two backward passes on the same x, y, dy differ",
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
                changed(location, what, before, now).ifPresent(found::add);
            }
        }

        private static String where(int i, Layer layer) {
            return "layer " + i + " (" + layer.type() + ")";
        }
    }

    private static List<Finding> whole(Differentiable f, double tol) {
        List<Finding> out = new ArrayList<>();
        List<Variable> variables = f.variables();
        if (!variables.isEmpty()) {
            Variable v = variables.get(0);
            try {
                DoubleSupplier value = f.bind(v.name(), v.value());
                double first = value.getAsDouble();
                double second = value.getAsDouble();
                if (!(Math.abs(first - second) <= tol) && !(Double.isNaN(first) && Double.isNaN(second))) {
                    out.add(new Finding(Finding.Kind.NONDETERMINISTIC_FORWARD, f.describe(), String.format(
                            "two evaluations at the same point gave %.17g and %.17g", first, second)));
                }
            } catch (RuntimeException e) {
                return out;
            }
        }
        Map<String, Tensor> first;
        Map<String, Tensor> second;
        try {
            first = f.analyticGradient();
            second = f.analyticGradient();
        } catch (RuntimeException e) {
            return out;
        }
        for (Variable v : variables) {
            Tensor g1 = first.get(v.name());
            Tensor g2 = second.get(v.name());
            if (g1 != null && g2 != null && g1.sameShape(g2)) {
                differs(v.location(), Finding.Kind.BACKWARD_NOT_REENTRANT, "two backward passes at the same point differ",
                        "the gradient", g1, g2, tol).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The float-precision trap: on the (up to) 3 entries of v with the largest |analytic|, compares the
     * central difference at the tiny step 1e-9 &middot; max(|v|, 1) with the checker's numeric value n.
     * In double precision their gap is round-off, about &epsilon;(|f(v+&delta;)| + |f(v-&delta;)|) / 2&delta;; a function
     * computed in float32 (or rounded to it) is flat or jumps at that scale, so the gap is O(|n|). A finding
     * is raised when the gap exceeds 1000x the double round-off plus 1e-3 |n| on a majority of the probed
     * entries: the numeric derivatives of this tensor are noisy and fixed tolerances will misjudge them.
     */
    public static List<Finding> precision(Differentiable f, Variable v, Tensor analytic, CheckOptions options) {
        if (v.value().size() == 0) {
            return List.of();
        }
        CoordinateFunction coordinates;
        try {
            coordinates = f.bindCoordinates(v.name());
        } catch (RuntimeException e) {
            return List.of();
        }
        return precision(coordinates, v, analytic, options);
    }

    /** {@link #precision(Differentiable, Variable, Tensor, CheckOptions)} through f bound along v's entries. */
    static List<Finding> precision(CoordinateFunction coordinates, Variable v, Tensor analytic, CheckOptions options) {
        int n = v.value().size();
        int[] order = largest(analytic, Math.min(PRECISION_ENTRIES, n));
        List<TinyStep> steps = new ArrayList<>();
        Evaluation center;
        try {
            center = coordinates.evaluateAt(0, v.value().get(0));
        } catch (RuntimeException e) {
            return List.of();
        }
        for (int i : order) {
            double original = v.value().get(i);
            Stencil.Line line = new Stencil.Line() {
                @Override
                public Evaluation at(double t) {
                    return coordinates.evaluateAt(i, original + t);
                }

                @Override
                public double realised(double t) {
                    return (original + t) - original;
                }
            };
            double scale = Math.max(Math.abs(original), 1.0);
            try {
                NumericDerivative reference = Stencil.differentiate(line, options.relativeStep() * scale, center, 0, 0);
                steps.add(tinyStep(line, reference, PRECISION_STEP * scale, "at index " + v.value().formatIndex(i)));
            } catch (RuntimeException e) {
                return List.of();
            }
        }
        return precision(v, steps);
    }

    /**
     * The precision trap judged along one line: the central difference at the tiny step {@code delta}
     * against the checker's derivative {@code reference} along the same line (see {@link #precision}).
     * {@code where} names the line in the finding.
     */
    static TinyStep tinyStep(Stencil.Line line, NumericDerivative reference, double delta, String where) {
        double up = line.at(delta).value();
        double down = line.at(-delta).value();
        double width = line.realised(delta) - line.realised(-delta);
        double tiny = (up - down) / width;
        double ref = reference.value();
        if (!reference.differentiable() || !Double.isFinite(ref) || ref == 0 || !Double.isFinite(tiny)) {
            return TinyStep.NOT_JUDGED;
        }
        double gap = Math.abs(tiny - ref);
        double roundoff = NumericDerivative.EPSILON * (Math.abs(up) + Math.abs(down)) / width;
        if (gap > PRECISION_ROUNDOFF_MULTIPLE * roundoff + PRECISION_RELATIVE * Math.abs(ref)) {
            return new TinyStep(true, String.format("%s the central difference with step %.1e is %.6g against %.6g "
                    + "(gap %.3g, double round-off explains %.3g)", where, delta, tiny, ref, gap, roundoff));
        }
        return TinyStep.CLEAN;
    }

    /** One line's verdict: judged or not, and the description when f was noisy along it (null otherwise). */
    record TinyStep(boolean judged, String noisy) {
        static final TinyStep NOT_JUDGED = new TinyStep(false, null);
        static final TinyStep CLEAN = new TinyStep(true, null);
    }

    /** The FLOAT_PRECISION finding of v when f was noisy on a majority of the judged lines; none otherwise. */
    static List<Finding> precision(Variable v, List<TinyStep> steps) {
        long judged = steps.stream().filter(TinyStep::judged).count();
        List<String> noisy = steps.stream().map(TinyStep::noisy).filter(Objects::nonNull).toList();
        if (judged > 0 && 2 * noisy.size() > judged) {
            return List.of(new Finding(Finding.Kind.FLOAT_PRECISION, v.location(), "f loses precision (float32 arithmetic "
                    + "or rounding?): " + noisy.get(0) + "; numeric derivatives of this tensor are noisy, compute in double"));
        }
        return List.of();
    }

    /**
     * The flat indices of the k entries of t with the largest |t<sub>i</sub>| (NaN counting as largest), in
     * decreasing order, ties broken by the lower index: one pass keeping a sorted list of k.
     */
    static int[] largest(Tensor t, int k) {
        int[] top = new int[k];
        double[] size = new double[k];
        int filled = 0;
        for (int i = 0; i < t.size(); i++) {
            double s = Math.abs(t.get(i));
            if (filled == k && Double.compare(s, size[k - 1]) <= 0) {
                continue;
            }
            int p = filled < k ? filled++ : k - 1;
            while (p > 0 && Double.compare(s, size[p - 1]) > 0) {
                top[p] = top[p - 1];
                size[p] = size[p - 1];
                p--;
            }
            top[p] = i;
            size[p] = s;
        }
        return top;
    }

    /** Copies of every variable's values, to detect a function that changes them. */
    public static Snapshot snapshot(Differentiable f) {
        Map<Variable, double[]> copies = new LinkedHashMap<>();
        for (Variable v : f.variables()) {
            copies.put(v, v.value().toArray());
        }
        return new Snapshot(copies);
    }

    /** Variable values taken before a check. */
    public static final class Snapshot {
        private final Map<Variable, double[]> copies;

        private Snapshot(Map<Variable, double[]> copies) {
            this.copies = copies;
        }

        /** An {@code INPUT_MUTATION} finding for every variable whose values changed since the snapshot. */
        public List<Finding> changes() {
            List<Finding> out = new ArrayList<>();
            copies.forEach((v, before) -> changed(v.location(), "the function changed this tensor while being evaluated", before, v.value())
                    .ifPresent(out::add));
            return out;
        }
    }

    private static Map<String, double[]> copies(Map<String, Tensor> tensors) {
        Map<String, double[]> out = new LinkedHashMap<>();
        tensors.forEach((k, t) -> out.put(k, t.toArray()));
        return out;
    }

    private static Optional<Finding> changed(String where, String what, double[] before, Tensor after) {
        for (int i = 0; i < before.length; i++) {
            double now = after.get(i);
            if (Double.doubleToLongBits(before[i]) != Double.doubleToLongBits(now)) {
                return Optional.of(new Finding(Finding.Kind.INPUT_MUTATION, where, String.format(
                        "%s: index %s was %.17g before and %.17g after", what, after.formatIndex(i), before[i], now)));
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> differs(String where, Finding.Kind kind, String what, String tensor,
                                                       Tensor first, Tensor second, double tol) {
        if (!first.sameShape(second)) {
            return Optional.of(new Finding(kind, where, what + ": " + tensor + " has shape "
                    + Arrays.toString(first.shape()) + " then " + Arrays.toString(second.shape())));
        }
        for (int i = 0; i < first.size(); i++) {
            double x = first.get(i);
            double y = second.get(i);
            boolean same = tol == 0 ? Double.doubleToLongBits(x) == Double.doubleToLongBits(y) : Math.abs(x - y) <= tol;
            if (!same) {
                return Optional.of(new Finding(kind, where, String.format("%s: %s at index %s is %.17g then %.17g",
                        what, tensor, first.formatIndex(i), x, y)));
            }
        }
        return Optional.empty();
    }
}
