package io.gradcheck4j.check;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            return new Outcome(watch.found(), null, 0);
        }
        Tensor dy;
        try {
            dy = f.objective().gradient(trace.output());
        } catch (RuntimeException e) {
            return new Outcome(watch.found(), null, 0);
        }
        Map<String, Tensor> gradient = dy == null ? null : network.backward(trace, dy, watch::backward);
        return new Outcome(watch.found(), gradient, gradient == null ? 0 : NumericDerivative.EPSILON * watch.sensitivity());
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
                    out.add(new Finding(Finding.Kind.NONDETERMINISTIC_FORWARD, f.describe(),
                            FindingMessages.nondeterministicForward(first, "on the first evaluation", second, "on the second")));
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
        return PrecisionTrap.precision(coordinates, v, analytic, options);
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
        List<Variable> variables = List.copyOf(f.variables());
        List<double[]> copies = new ArrayList<>(variables.size());
        for (Variable v : variables) {
            copies.add(v.value().toArray());
        }
        return new Snapshot(variables, copies);
    }

    /**
     * Variable values taken before a check, in the order of the variables (a list, not a map keyed by the
     * variables: a {@link Variable} record hashes its tensor's every entry).
     */
    public static final class Snapshot {
        private final List<Variable> variables;
        private final List<double[]> copies;

        private Snapshot(List<Variable> variables, List<double[]> copies) {
            this.variables = variables;
            this.copies = copies;
        }

        /** An {@code INPUT_MUTATION} finding for every variable whose values changed since the snapshot. */
        public List<Finding> changes() {
            List<Finding> out = new ArrayList<>();
            for (int k = 0; k < variables.size(); k++) {
                Variable v = variables.get(k);
                changed(v.location(), "the function changed this tensor while being evaluated", copies.get(k), v.value()).ifPresent(out::add);
            }
            return out;
        }
    }

    static Optional<Finding> changed(String where, String what, double[] before, Tensor after) {
        for (int i = 0; i < before.length; i++) {
            double now = after.get(i);
            if (Double.doubleToLongBits(before[i]) != Double.doubleToLongBits(now)) {
                return Optional.of(new Finding(Finding.Kind.INPUT_MUTATION, where, FindingMessages.changed(what, after.formatIndex(i), before[i], now)));
            }
        }
        return Optional.empty();
    }

    static Optional<Finding> differs(String where, Finding.Kind kind, String what, String tensor,
                                                       Tensor first, Tensor second, double tol) {
        if (!first.sameShape(second)) {
            return Optional.of(new Finding(kind, where, FindingMessages.differsInShape(what, tensor, first.shape(), second.shape())));
        }
        for (int i = 0; i < first.size(); i++) {
            double x = first.get(i);
            double y = second.get(i);
            boolean same = tol == 0 ? Double.doubleToLongBits(x) == Double.doubleToLongBits(y) : Math.abs(x - y) <= tol;
            if (!same) {
                return Optional.of(new Finding(kind, where, FindingMessages.differs(what, tensor, first.formatIndex(i), x, y)));
            }
        }
        return Optional.empty();
    }
}
