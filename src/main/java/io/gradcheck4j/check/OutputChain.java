package io.gradcheck4j.check;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The derivative of f = J(y(v)) along one entry v<sub>i</sub> taken through the network's output, for an entry
 * that f itself cannot resolve (a gradient far below the round-off of a large loss: f(v &plusmn; h) differ by
 * less than their rounding at every step). By the chain rule
 * <pre>&part;f/&part;v<sub>i</sub> = &Sigma;<sub>k</sub> g<sub>k</sub> &part;y<sub>k</sub>/&part;v<sub>i</sub>,  g = &part;J/&part;y at y(v),</pre>
 * so f's derivative is that of &psi;(t) = &Sigma;<sub>k</sub> g<sub>k</sub> (y<sub>k</sub>(v + t e<sub>i</sub>) - y<sub>k</sub>(v)),
 * which has no large constant part: its rounding is that of the outputs the entry moves (at least one ulp of each,
 * weighted by |g<sub>k</sub>|), not that of f. Both factors are finite differences of the function's own forward
 * pass and objective, so no analytic code enters the numeric side:
 * <ul>
 *   <li>each g<sub>k</sub> is the central difference of J along y<sub>k</sub> ({@link Stencil#differentiate} at
 *       the relative step of the check, with the noise of J measured along the outputs);</li>
 *   <li>&psi;'(0) comes from the adaptive step search ({@link AdaptiveStep#search}), whose estimate is increased
 *       by &Sigma;<sub>k</sub> |D<sub>k</sub>| e(g<sub>k</sub>), D<sub>k</sub> the central difference of
 *       y<sub>k</sub> at the step found and e(g<sub>k</sub>) the estimate of g<sub>k</sub>.</li>
 * </ul>
 * Not attempted (null) when the objective has a kink at y, a g<sub>k</sub> is not finite, or the output has more
 * than {@link #MAX_OUTPUTS} entries (the differences of J cost O(m<sup>2</sup>)). A perturbed layer is built by
 * {@code withParameters} with a fresh tensor, and nothing of the function is changed.
 */
final class OutputChain {
    /** Largest output size for which the chain is tried. */
    static final int MAX_OUTPUTS = 4096;

    private final LayerwiseFunction f;
    private final Variable v;
    private final double relativeStep;
    private final Tensor y0;
    private final NumericDerivative[] g;

    private OutputChain(LayerwiseFunction f, Variable v, double relativeStep, Tensor y0, NumericDerivative[] g) {
        this.f = f;
        this.v = v;
        this.relativeStep = relativeStep;
        this.y0 = y0;
        this.g = g;
    }

    /**
     * The chain for the entries of v, with g = &part;J/&part;y measured once at the unperturbed output; null when
     * it cannot be used (see the class comment).
     */
    static OutputChain of(LayerwiseFunction f, Variable v, double relativeStep) {
        Tensor y0 = f.network().forward(f.input());
        if (y0.size() > MAX_OUTPUTS) {
            return null;
        }
        Objective objective = f.objective();
        Evaluation center = objectiveAt(objective, y0, -1, 0);
        List<Stencil.Line> lines = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        for (int k : new int[] {0, y0.size() / 2, y0.size() - 1}) {
            lines.add(objectiveLine(objective, y0, k));
            steps.add(relativeStep * Math.max(Math.abs(y0.get(k)), 1.0));
        }
        double noise = Stencil.noise(lines, steps);
        NumericDerivative[] g = new NumericDerivative[y0.size()];
        for (int k = 0; k < g.length; k++) {
            double h = relativeStep * Math.max(Math.abs(y0.get(k)), 1.0);
            g[k] = gradient(objectiveLine(objective, y0, k), y0.get(k), h, center, noise);
            if (g[k] == null || !g[k].differentiable() || !Double.isFinite(g[k].value()) || !Double.isFinite(g[k].errorEstimate())) {
                return null;
            }
        }
        return new OutputChain(f, v, relativeStep, y0, g);
    }

    /**
     * g<sub>k</sub>: the central difference of J along y<sub>k</sub>, or where that is not finite or not small
     * against its value ({@link Resolution#worthSearching}), the adaptive search's when better (a binary
     * cross-entropy of y<sub>k</sub> near 1 is defined only for steps below 1 - y<sub>k</sub>).
     */
    private static NumericDerivative gradient(Stencil.Line line, double y, double h, Evaluation center, double noise) {
        NumericDerivative d = Stencil.differentiate(line, h, center, 0, noise);
        boolean usable = Double.isFinite(d.value()) && Double.isFinite(d.errorEstimate());
        if (d.differentiable() && usable && !Resolution.worthSearching(0, d.value(), d.errorEstimate())) {
            return d;
        }
        if (!d.differentiable() && usable) {
            return d;
        }
        NumericDerivative found = AdaptiveStep.search(line, y, center, h, noise);
        return found != null && (!usable || found.errorEstimate() < d.errorEstimate()) ? found : usable ? d : null;
    }

    /** &part;f/&part;v<sub>i</sub> through the output, or null when the search finds no step for &psi;. */
    NumericDerivative derivative(int i) {
        double x = v.value().get(i);
        Stencil.Line psi = psiLine(i, x);
        double psiRoundoff = roundoff(i, x);
        NumericDerivative found = AdaptiveStep.search(psi, x, psi.at(0), relativeStep * Math.max(Math.abs(x), 1.0), psiRoundoff);
        if (found == null) {
            return null;
        }
        double h = found.step();
        Tensor plus = outputAt(i, x + h);
        Tensor minus = outputAt(i, x - h);
        double width = (x + h - x) - (x - h - x);
        double fromG = 0;
        for (int k = 0; k < g.length; k++) {
            fromG += Math.abs((plus.get(k) - minus.get(k)) / width) * g[k].errorEstimate();
        }
        return new NumericDerivative(found.value(), found.coarse(), found.fine(), found.step(), found.truncationError(),
                found.roundoffError() + fromG, null);
    }

    /**
     * The rounding of one value of &psi; along entry i: half an ulp (the rounding of its last operation) of each output the entry moves (one that differs
     * from y(v) at v<sub>i</sub> &plusmn; 0.1 or &plusmn; 1.6 times max(|v<sub>i</sub>|, 1), the ends of the search's
     * ladders), weighted by |g<sub>k</sub>|. Outputs the entry does not reach add nothing: their difference
     * y<sub>k</sub>(v + t e<sub>i</sub>) - y<sub>k</sub>(v) is exactly 0.
     */
    private double roundoff(int i, double x) {
        double scale = Math.max(Math.abs(x), 1.0);
        List<Tensor> moved = new ArrayList<>();
        for (double t : new double[] {0.1, -0.1, 1.6, -1.6}) {
            moved.add(outputAt(i, x + t * scale));
        }
        double roundoff = 0;
        for (int k = 0; k < g.length; k++) {
            for (Tensor y : moved) {
                if (Double.doubleToLongBits(y.get(k)) != Double.doubleToLongBits(y0.get(k))) {
                    roundoff += Math.abs(g[k].value()) * NumericDerivative.EPSILON / 2 * Math.abs(y0.get(k));
                    break;
                }
            }
        }
        return roundoff;
    }

    /** &psi; along entry i, with the branch patterns of the network's piecewise layers. */
    private Stencil.Line psiLine(int i, double x) {
        return new Stencil.Line() {
            @Override
            public Evaluation at(double t) {
                Network.Trace trace = traceAt(i, x + t);
                Tensor y = trace.output();
                double sum = 0;
                for (int k = 0; k < g.length; k++) {
                    sum += g[k].value() * (y.get(k) - y0.get(k));
                }
                return new Evaluation(sum, branches(trace));
            }

            @Override
            public double realised(double t) {
                return (x + t) - x;
            }
        };
    }

    private Tensor outputAt(int i, double value) {
        return traceAt(i, value).output();
    }

    /** The forward trace with entry i of v set to {@code value}, on fresh copies (the function is left unchanged). */
    private Network.Trace traceAt(int i, double value) {
        double[] data = v.value().toArray();
        data[i] = value;
        Tensor changed = Tensor.wrap(data, v.value().shape());
        Network network = f.network();
        if (v.name().equals(Network.INPUT)) {
            return network.trace(changed);
        }
        String[] parts = v.name().split("\\.", 3);
        int index = Integer.parseInt(parts[1]);
        Layer layer = network.layers().get(index);
        return network.withLayer(index, layer.withParameters(Map.of(parts[2], changed))).trace(f.input());
    }

    private List<BranchPattern> branches(Network.Trace trace) {
        List<Layer> layers = f.network().layers();
        List<BranchPattern> branches = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            int[] pattern = layers.get(l).branchPattern(trace.activations().get(l));
            if (pattern.length > 0) {
                branches.add(new BranchPattern("layer " + l + " (" + layers.get(l).type() + ")", pattern));
            }
        }
        return branches;
    }

    /** J along output entry k (k = -1: J at y itself), with the objective's branch pattern. */
    private static Stencil.Line objectiveLine(Objective objective, Tensor y, int k) {
        return new Stencil.Line() {
            @Override
            public Evaluation at(double t) {
                return objectiveAt(objective, y, k, t);
            }

            @Override
            public double realised(double t) {
                return (y.get(k) + t) - y.get(k);
            }
        };
    }

    /**
     * J at y moved by t along entry k (k = -1: y itself). Where J refuses the moved output (a binary cross-entropy
     * of a probability pushed past 1), the value is NaN, which no difference uses.
     */
    private static Evaluation objectiveAt(Objective objective, Tensor y, int k, double t) {
        double[] data = y.toArray();
        if (k >= 0) {
            data[k] += t;
        }
        Tensor moved = Tensor.wrap(data, y.shape());
        try {
            int[] pattern = objective.branchPattern(moved);
            List<BranchPattern> branches = pattern.length > 0 ? List.of(new BranchPattern("loss (" + objective.describe() + ")", pattern)) : List.of();
            return new Evaluation(objective.value(moved), branches);
        } catch (RuntimeException e) {
            return Evaluation.of(Double.NaN);
        }
    }
}
