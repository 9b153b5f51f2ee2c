package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The FAST check of one tensor: for each probe direction u (measured by {@link FastProbes}), the projection
 * &lt;a, u&gt; = &Sigma;<sub>i</sub> a<sub>i</sub> u<sub>i</sub> compared with the numeric derivative of f along u
 * (adaptive step where the default step's estimate is not small), with the full entry-by-entry re-check
 * ({@link EntryCheck}) when a probe fails or straddles a kink.
 */
final class FastCheck {
    private final CheckOptions options;
    private final NumericDifferentiation numeric;
    private final EntryCheck entries;

    FastCheck(CheckOptions options) {
        this.options = options;
        this.numeric = new NumericDifferentiation(options);
        this.entries = new EntryCheck(options);
    }

    /**
     * Projection check of one tensor: compares &lt;a, u&gt; with the derivative of f along u for each probe
     * of {@code numerics}, in order. When a probe fails, or straddles a kink (every direction through a point
     * exactly on a kink does, so a probe would leave the whole tensor unchecked), the tensor is re-checked
     * entry by entry: the wrong entries are named, the kinked ones reported NON_DIFFERENTIABLE and the others
     * still compared.
     */
    TensorReport check(Differentiable f, Variable v, Tensor a, FastProbes.Numerics numerics, double noise, List<Finding> findings) {
        int n = v.value().size();
        Comparison c = new Comparison(v, options, findings);
        for (int k = 0; k < numerics.stencils().size(); k++) {
            double[] u = numerics.directions().get(k);
            double directional = 0;
            for (int i = 0; i < n; i++) {
                directional += a.get(i) * u[i];
            }
            NumericDerivative d = numerics.stencils().get(k).derivative(noise);
            if (d.differentiable() && Resolution.worthSearching(directional, d.value(), d.errorEstimate())) {
                c.searched(1);
                double scale = v.value().maxAbs();
                NumericDerivative found = AdaptiveStep.search(numerics.lines().get(k), scale, numerics.center().get(), numeric.step(scale), noise);
                d = found != null && found.errorEstimate() < d.errorEstimate() ? found : d;
            }
            c.add(new int[0], directional, d);
            if (c.failures() > 0 || c.nonDifferentiable() > 0) {
                String why = c.failures() > 0 ? "failed" : "straddles a kink";
                return withMethod(located(f, v, a, noise), "fast: probe " + (k + 1) + " of " + options.probes() + " " + why + ", full re-check");
            }
        }
        return c.report(v, "fast: " + options.probes() + " probes");
    }

    /** Every entry of v compared on its own: names the wrong entries, and the kinked ones, of a tensor whose probe did not pass. */
    private TensorReport located(Differentiable f, Variable v, Tensor a, double noise) {
        return entries.compare(f, v, a, IntStream.range(0, v.value().size()).toArray(), "", noise, new ArrayList<>());
    }

    private static TensorReport withMethod(TensorReport r, String method) {
        return new TensorReport(r.variable(), r.location(), r.shape(), r.checked(), r.failures(), r.maxAbsError(),
                r.maxRelError(), r.worstIndex(), r.worstAnalytic(), r.worstNumeric(), r.mismatches(), r.worstEstimate(),
                r.nonDifferentiable(), r.kinks(), method, r.inconclusive(), r.unresolved(), r.adaptive(), r.worstStep());
    }
}
