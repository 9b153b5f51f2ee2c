package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry-by-entry check of one tensor (FULL, SAMPLED, and FAST's re-check): the numeric derivative of each
 * given entry ({@link NumericDifferentiation}), the STEP_UNSUITABLE warning, the adaptive step search where the
 * default step's estimate is not small, the joint direction of tied kinked entries ({@link Subgradients#tied}),
 * and the {@link Comparison} of each a<sub>i</sub> with its numeric derivative.
 */
final class EntryCheck {
    private final CheckOptions options;
    private final NumericDifferentiation numeric;

    EntryCheck(CheckOptions options) {
        this.options = options;
        this.numeric = new NumericDifferentiation(options);
    }

    /** The report of the given flat entries of v, against the analytic gradient a, at the given noise level. */
    TensorReport compare(Differentiable f, Variable v, Tensor a, int[] entries, String method, double noise, List<Finding> findings) {
        NumericDerivative[] derivatives = numeric.derivatives(f, v, entries, noise);
        stepSanity(v, a, entries, derivatives, findings);
        Comparison c = new Comparison(v, options, findings);
        c.searched(adapt(f, v, a, entries, derivatives, noise));
        Map<Integer, String> joint = Subgradients.tied(f, v, a, entries, derivatives, noise, options);
        for (int p = 0; p < entries.length; p++) {
            c.add(v.value().unravel(entries[p]), a.get(entries[p]), derivatives[p], joint.get(p));
        }
        return c.report(v, method);
    }

    /**
     * The STEP_UNSUITABLE warning when, at a step other than the default, every differentiable entry's estimate
     * exceeds the values compared (e &gt; max(|a|, |n|)): the step is far too small (round-off) or too large
     * (truncation). At the default step the same only means the gradients are tiny (e.g. zero), not a bad choice.
     */
    private void stepSanity(Variable v, Tensor a, int[] entries, NumericDerivative[] numeric, List<Finding> findings) {
        if (options.relativeStep() == CheckOptions.DEFAULT_STEP) {
            return;
        }
        int judged = 0;
        for (int p = 0; p < entries.length; p++) {
            NumericDerivative d = numeric[p];
            if (d.differentiable()) {
                double scale = Math.max(Math.abs(a.get(entries[p])), Math.abs(d.value()));
                if (!(d.errorEstimate() > scale) || scale == 0) {
                    return;
                }
                judged++;
            }
        }
        if (judged > 0) {
            findings.add(new Finding(Finding.Kind.STEP_UNSUITABLE, v.location(),
                    FindingMessages.stepUnsuitable(options.relativeStep(), CheckOptions.DEFAULT_STEP)));
        }
    }

    /**
     * The adaptive step search ({@link AdaptiveStep#search}) for every differentiable entry whose estimate at the
     * default step is not small against the values compared ({@link Resolution#worthSearching}); the search's
     * derivative replaces the default one when its estimate is smaller. An entry still unresolved
     * ({@link Resolution#unresolved}) of a {@link LayerwiseFunction} is differentiated once more through the
     * network's output ({@link OutputChain}), which replaces it when its estimate is smaller again. Returns how many
     * entries were searched.
     */
    private int adapt(Differentiable f, Variable v, Tensor a, int[] entries, NumericDerivative[] numeric, double noise) {
        CoordinateFunction coordinates = null;
        Evaluation center = null;
        Optional<OutputChain> chain = null;
        int searched = 0;
        for (int p = 0; p < entries.length; p++) {
            NumericDerivative d = numeric[p];
            if (!d.differentiable() || !Resolution.worthSearching(a.get(entries[p]), d.value(), d.errorEstimate())) {
                continue;
            }
            if (coordinates == null) {
                coordinates = NumericDifferentiation.bindCoordinates(f, v);
                CoordinateFunction bound = coordinates;
                center = NumericDifferentiation.evaluate(() -> bound.evaluateAt(entries[0], v.value().get(entries[0])), v, "the unperturbed point");
            }
            searched++;
            int i = entries[p];
            NumericDerivative found = AdaptiveStep.search(NumericDifferentiation.coordinateLine(coordinates, i, v), v.value().get(i), center,
                    this.numeric.step(v.value().get(i)), noise);
            if (found != null && found.errorEstimate() < d.errorEstimate()) {
                numeric[p] = found;
            }
            if (f instanceof LayerwiseFunction layerwise && Resolution.unresolved(a.get(i), numeric[p].value(), numeric[p].errorEstimate())) {
                if (chain == null) {
                    chain = Optional.ofNullable(outputChain(layerwise, v));
                }
                NumericDerivative through = chain.map(c -> throughOutput(c, v, i)).orElse(null);
                if (through != null && through.errorEstimate() < numeric[p].errorEstimate()) {
                    numeric[p] = through;
                }
            }
        }
        return searched;
    }

    /** The output chain of v, or null when it cannot be built (including when the function fails to evaluate). */
    private OutputChain outputChain(LayerwiseFunction f, Variable v) {
        try {
            return OutputChain.of(f, v, options.relativeStep());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Entry i through the output, or null (the entry then stays as it was: unresolved, never passed). */
    private static NumericDerivative throughOutput(OutputChain chain, Variable v, int i) {
        try {
            return chain.derivative(i);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
