package io.gradcheck4j.check;

import io.gradcheck4j.report.FailureMessages;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kinks checked, not skipped: at an entry whose stencil straddles a kink the analytic value a must be a valid
 * subgradient. Along one coordinate it must lie between the left and right one-sided derivatives l and r:
 * <pre>min(l, r) &le; a &le; max(l, r)</pre>
 * up to the rule's bound with the one-sided differences' round-off as their estimate ({@link #outside}); l and
 * r are bracketed leniently by every one-sided difference of the stencils (see {@link NumericDerivative#lower()}).
 * Entries of one tensor that sit on a kink with exactly the same value (a max-pool tie, a max over inputs) are
 * also checked together along their joint direction u = &Sigma; e<sub>i</sub> / &radic;m ({@link #tied}): a tie
 * broken by sending dy to every tied entry passes each coordinate (each lies in [0, dy]) but not the joint
 * direction, along which f moves as dy/&radic;m while &lt;a, u&gt; = &radic;m dy. Along u, &lt;a, u&gt; is compared
 * with the derivative along u when f is differentiable along it, else bracketed by the one-sided directional
 * derivatives. Black-box functions get the same from their one-sided differences.
 *
 * <p>The joint check applies only where the tied entries interact ({@link #additive}): when f's change along u
 * is the sum of its changes along each e<sub>i</sub> (independent kinks that merely hold the same value, such
 * as relus of biases that are all 0), f is separable over the group, its subgradients are the products of
 * each coordinate's [l<sub>i</sub>, r<sub>i</sub>], and the per-coordinate checks already decide; the
 * directional bracket would there reject valid values (relu(x) - relu(y) at 0 with a = (1, 0): along u both
 * one-sided derivatives are 0, &lt;a, u&gt; = 1/&radic;2) and values whose kink lies below the step's resolution
 * (a relu 2e-10 from its kink: every one-sided difference along u sees it off, the analytic value sees it on).
 */
final class Subgradients {
    private Subgradients() {
    }

    /**
     * Why a is not a valid subgradient at the kink of {@code d}, or null when it is (or {@code d} carries no
     * bounds): {@code not a valid subgradient at the kink: one-sided derivatives [l, r], analytic a}.
     */
    static String outside(Tolerance rule, double a, NumericDerivative d) {
        if (!inside(rule, a, d)) {
            return FailureMessages.outsideOneSided(d.lower(), d.upper(), a);
        }
        return null;
    }

    private static boolean inside(Tolerance rule, double a, NumericDerivative d) {
        double lo = d.lower();
        double hi = d.upper();
        if (Double.isNaN(lo) || Double.isNaN(hi) || Double.isNaN(a)) {
            return true;
        }
        return (a >= lo && a <= hi) || rule.accepts(a, lo, d.boundError()) || rule.accepts(a, hi, d.boundError());
    }

    /**
     * The joint-direction verdicts of tied kinks: for every group of at least two non-differentiable entries
     * of v holding exactly the same value, the failure message of each of its positions in {@code entries}
     * when &lt;a, u&gt; along their joint direction is rejected; positions not in a failing group are absent.
     */
    static Map<Integer, String> tied(Differentiable f, Variable v, Tensor a, int[] entries, NumericDerivative[] numeric,
                                     double noise, CheckOptions options) {
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int p = 0; p < entries.length; p++) {
            if (!numeric[p].differentiable()) {
                groups.computeIfAbsent(Double.doubleToLongBits(v.value().get(entries[p])), k -> new ArrayList<>()).add(p);
            }
        }
        Map<Integer, String> failures = new HashMap<>();
        for (List<Integer> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            String why = joint(f, v, a, entries, group, noise, options);
            if (why != null) {
                group.forEach(p -> failures.put(p, why));
            }
        }
        return failures;
    }

    private static String joint(Differentiable f, Variable v, Tensor a, int[] entries, List<Integer> group, double noise,
                                CheckOptions options) {
        double[] u = new double[v.value().size()];
        double weight = 1 / Math.sqrt(group.size());
        double projected = 0;
        List<String> indices = new ArrayList<>();
        for (int p : group) {
            u[entries[p]] = weight;
            projected += a.get(entries[p]) * weight;
            indices.add(v.value().formatIndex(entries[p]));
        }
        DirectionFunction along = NumericDifferentiation.bindDirection(f, v, Tensor.wrap(u, v.value().shape()));
        String where = "the joint direction of the tied entries " + indices;
        Stencil.Line line = new Stencil.Line() {
            @Override
            public Evaluation at(double t) {
                return NumericDifferentiation.evaluate(() -> along.at(t), v, where);
            }

            @Override
            public double realised(double t) {
                return t;
            }
        };
        double value = v.value().get(entries[group.get(0)]);
        double h = options.relativeStep() * Math.max(Math.abs(value), 1.0);
        if (additive(f, v, entries, group, line, h, noise)) {
            return null;
        }
        NumericDerivative d = Stencil.sample(line, h, line.at(0), options.kinkRetryFactor()).derivative(noise);
        Tolerance rule = options.tolerance();
        if (d.differentiable()) {
            if (rule.accepts(projected, d.value(), d.errorEstimate())) {
                return null;
            }
            return FailureMessages.outsideAlong(where, d.value(), projected);
        }
        if (inside(rule, projected, d)) {
            return null;
        }
        return FailureMessages.outsideAlongOneSided(where, d.lower(), d.upper(), projected);
    }

    /**
     * Whether f changes along the joint direction as the sum of its changes along each tied coordinate, on both
     * sides: with every coordinate moved by h (t = h &radic;m along u),
     * <pre>|[f(v &plusmn; t u) - f(v)] - &Sigma;<sub>i</sub> [f(v &plusmn; h e<sub>i</sub>) - f(v)]| &le; 1% of
     * (|f(v &plusmn; t u) - f(v)| + &Sigma;<sub>i</sub> |f(v &plusmn; h e<sub>i</sub>) - f(v)|) + 10 (m + 2) e</pre>
     * with e the error of one f value ({@link Stencil#error}). Tied entries of a max interact at first order (the
     * max moves by h along u, by h along each e<sub>i</sub>: the defect is (m - 1) h dy, half of the changes or
     * more); entries coupled smoothly leave a defect of order h<sup>2</sup>, relative h &asymp; 6e-6.
     */
    private static boolean additive(Differentiable f, Variable v, int[] entries, List<Integer> group, Stencil.Line along, double h,
                                    double noise) {
        CoordinateFunction coordinates = NumericDifferentiation.bindCoordinates(f, v);
        double center = along.at(0).value();
        double t = h * Math.sqrt(group.size());
        for (double side : new double[] {1, -1}) {
            double joint = along.at(side * t).value() - center;
            double sum = 0;
            double changes = Math.abs(joint);
            for (int p : group) {
                double change = NumericDifferentiation.coordinateLine(coordinates, entries[p], v).at(side * h).value() - center;
                sum += change;
                changes += Math.abs(change);
            }
            double roundoff = ADDITIVE_ROUNDOFF_MULTIPLE * (group.size() + 2) * Stencil.error(center, noise);
            if (!(Math.abs(joint - sum) <= ADDITIVE_RELATIVE * changes + roundoff)) {
                return false;
            }
        }
        return true;
    }

    private static final double ADDITIVE_RELATIVE = 1e-2;
    private static final double ADDITIVE_ROUNDOFF_MULTIPLE = 10;
}
