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
 * ({@link EntryCheck}) when a probe fails, straddles a kink or cannot be resolved, or on a tensor of more than
 * {@value SegmentSearch#ENTRY_RECHECK_LIMIT} entries the bisection of the probe's direction ({@link SegmentSearch}).
 * Each probe is judged against the noise measured along its own line where that is far above the tensor's
 * ({@link #probeNoise}).
 */
final class FastCheck {
    /** How many times the tensor's noise (or one ulp of f) a probe's line noise must exceed to replace it. */
    static final double RAISE = 100;
    /** The widest step tried along a noisy line, relative to max(|v|, 1). */
    private static final double WIDEST = 0.1;
    /** The share of the narrow stencil's one-sided spread below which a wider stencil's kink is noise. */
    private static final double JUMP_SHRINK = 0.5;

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
     * exactly on a kink does, so a probe would leave the whole tensor unchecked), or on a tensor of at most
     * {@value SegmentSearch#ENTRY_RECHECK_LIMIT} entries cannot be resolved (a projection much smaller than the
     * entries it sums, as in float32 code), the tensor is re-checked entry by entry: the wrong entries are named,
     * the kinked ones reported NON_DIFFERENTIABLE and the others still compared.
     */
    TensorReport check(Differentiable f, Variable v, Tensor a, FastProbes.Numerics numerics, double noise, List<Finding> findings) {
        Comparison c = new Comparison(v, options, findings);
        Evaluation center = numerics.center().get();
        for (int k = 0; k < numerics.stencils().size(); k++) {
            double[] u = numerics.directions().get(k);
            double directional = projection(a, u, 0, u.length);
            LineNoise lineNoise = numerics.lineNoises().get(k);
            Judged judged = judged(numerics.lines().get(k), numerics.stencils().get(k), lineNoise, directional, v, center, noise, c);
            c.add(new int[0], directional, judged.derivative());
            boolean recheckable = v.value().size() <= SegmentSearch.ENTRY_RECHECK_LIMIT;
            if (c.failures() > 0 || c.nonDifferentiable() > 0 || c.inconclusive() > 0 && recheckable) {
                String why = "probe " + (k + 1) + " of " + options.probes()
                        + (c.failures() > 0 ? " failed" : c.nonDifferentiable() > 0 ? " straddles a kink" : " could not be resolved");
                if (!recheckable) {
                    List<SegmentSearch.Bound> bounds = SegmentSearch.bounds(this, v, lineNoise, noise, center, judged.searchedAt());
                    return new SegmentSearch(this, f, v, a, u, center, noise, bounds).located(c.report(v, "fast: " + why), why);
                }
                return withMethod(located(f, v, a, noise), "fast: " + why + ", full re-check");
            }
        }
        return c.report(v, "fast: " + options.probes() + " probes");
    }

    /** &Sigma;<sub>from &le; i &lt; to</sub> a<sub>i</sub> u<sub>i</sub>. */
    static double projection(Tensor a, double[] u, int from, int to) {
        double directional = 0;
        for (int i = from; i < to; i++) {
            directional += a.get(i) * u[i];
        }
        return directional;
    }

    /**
     * The numeric derivative along one line, to be compared with {@code directional}: the sampled stencil at the
     * tensor's noise, with the adaptive step search where its estimate is not small; where that does not settle
     * the probe ({@link #settled}), the stencil at the probe's own noise ({@link #probeNoise}), wider stencils where
     * that noise was raised ({@link #widened}) and the search again. A probe searched is counted once in {@code c}.
     * When the derivative comes from the search, its step and the noise it assumed are returned with it: a failing
     * probe's segments are judged against them first ({@link SegmentSearch}).
     */
    Judged judged(Stencil.Line line, Stencil.Sampled stencil, LineNoise lineNoise, double directional, Variable v,
                  Evaluation center, double noise, Comparison c) {
        NumericDerivative first = stencil.derivative(noise);
        boolean searchedFirst = worthSearching(directional, first);
        Judged atTensorNoise = searchedFirst ? searched(line, first, v, center, noise) : new Judged(first, null);
        double probeNoise = settled(directional, atTensorNoise.derivative()) ? noise
                : probeNoise(noise, lineNoise.at(defaultStep(v)), center.value());
        if (probeNoise == noise) {
            c.searched(searchedFirst ? 1 : 0);
            return atTensorNoise;
        }
        double scale = v.value().maxAbs();
        NumericDerivative d = widened(lineNoise, line, numeric.step(scale), scale, center, probeNoise / noiseFloor(noise, center.value()),
                probeNoise, stencil.derivative(probeNoise));
        boolean searchedAgain = worthSearching(directional, d);
        c.searched(searchedFirst || searchedAgain ? 1 : 0);
        return searchedAgain ? searched(line, d, v, center, probeNoise) : new Judged(d, null);
    }

    /**
     * The derivative a probe or segment was judged by and, when the adaptive step search gave it, the step and noise
     * of f it was judged at (else null).
     */
    record Judged(NumericDerivative derivative, SegmentSearch.Bound searchedAt) {
    }

    private static boolean worthSearching(double directional, NumericDerivative d) {
        return d.differentiable() && Resolution.worthSearching(directional, d.value(), d.errorEstimate());
    }

    /**
     * Whether a probe judged at the tensor's noise is done with: differentiable, accepted by the rule and resolved.
     * Raising the noise to the line's could only widen its bound, so the line noise is measured only for the
     * others (its 11 evaluations per probe would otherwise dominate a fast check).
     */
    private boolean settled(double directional, NumericDerivative d) {
        return d.differentiable() && options.tolerance().accepts(directional, d.value(), d.errorEstimate())
                && !Resolution.unresolved(directional, d.value(), d.errorEstimate());
    }

    /** The adaptive step search's result along the line, with its step and noise, where it does better than d; else d. */
    private Judged searched(Stencil.Line line, NumericDerivative d, Variable v, Evaluation center, double noise) {
        double scale = v.value().maxAbs();
        AdaptiveStep.Searched found = AdaptiveStep.searchWithNoise(line, scale, center, numeric.step(scale), noise);
        if (found != null && found.derivative().errorEstimate() < d.errorEstimate()) {
            return new Judged(found.derivative(), new SegmentSearch.Bound(found.derivative().step(), found.noise()));
        }
        return new Judged(d, null);
    }

    /**
     * The noise a probe is judged against: the tensor's (measured along single entries, or propagated), raised to
     * the noise measured along the probe's own line where that is more than {@value #RAISE} times the larger of
     * the tensor's and one ulp of f. Rounding along a direction of n entries grows with n (n inputs rounded, sums
     * over them), which a single entry does not show; below that margin the tensor's steadier level is kept, so
     * the scatter of a few fourth differences never blunts a probe.
     */
    static double probeNoise(double noise, double lineNoise, double f) {
        return lineNoise > RAISE * noiseFloor(noise, f) ? lineNoise : noise;
    }

    private static double noiseFloor(double noise, double f) {
        return Math.max(noise, NumericDerivative.EPSILON * Math.abs(f));
    }

    /**
     * Along a line noisier than the default step assumes by a factor r, the stencil again at h r<sup>1/3</sup> (the
     * step minimising truncation + round-off of a central difference scales with the cube root of the noise), at
     * h r<sup>2/3</sup> and at h r (f nearly linear along the line), each at most {@value #WIDEST} &middot; max(|v|, 1) and
     * judged at the noise measured at its own scale as well; the candidate of smallest estimate that does not
     * straddle a kink is kept (the truncation part of the estimate grows with the step where f curves, so a step
     * too wide loses). A kink seen by both the default and a wider stencil is noise when the spread of the wider
     * one's one-sided differences shrank with its step ({@link #jumpShrinks}): the one-sided differences across a
     * kink differ by the same jump at every step, those of noise &sigma; by about &sigma; / s.
     */
    private NumericDerivative widened(LineNoise lineNoise, Stencil.Line line, double h, double scale, Evaluation center, double ratio, double noise,
                                      NumericDerivative d) {
        NumericDerivative best = d;
        for (double power : new double[] {1.0 / 3, 2.0 / 3, 1}) {
            double step = Math.min(h * Math.pow(ratio, power), WIDEST * Math.max(scale, 1));
            double own = Math.max(noise, lineNoise.at(step));
            NumericDerivative wide = Stencil.differentiate(line, step, center, options.kinkRetryFactor(), own);
            if (!wide.differentiable() && !d.differentiable() && jumpShrinks(d, wide)) {
                wide = new NumericDerivative(wide.value(), wide.coarse(), wide.fine(), wide.step(), wide.truncationError(), wide.roundoffError(), null);
            }
            boolean better = !best.differentiable() || wide.errorEstimate() < best.errorEstimate();
            best = wide.differentiable() && better ? wide : best;
        }
        return best;
    }

    /**
     * Whether the spread upper - lower of the one-sided differences of the wider kinked stencil (at least 4 times
     * the step) is below {@value #JUMP_SHRINK} of the narrower one's: noise's spread falls as 1 / step, a kink's stays.
     */
    private static boolean jumpShrinks(NumericDerivative narrow, NumericDerivative wide) {
        return wide.step() >= 4 * narrow.step() && wide.upper() - wide.lower() < JUMP_SHRINK * (narrow.upper() - narrow.lower());
    }

    /** Every entry of v compared on its own: names the wrong entries, and the kinked ones, of a tensor whose probe did not pass. */
    private TensorReport located(Differentiable f, Variable v, Tensor a, double noise) {
        return compare(f, v, a, IntStream.range(0, v.value().size()).toArray(), noise, new ArrayList<>());
    }

    /** The given entries of v compared one by one (see {@link EntryCheck#compare}). */
    TensorReport compare(Differentiable f, Variable v, Tensor a, int[] indices, double noise, List<Finding> findings) {
        return entries.compare(f, v, a, indices, "", noise, findings);
    }

    /** The default step along a direction of v, h = relative step &middot; max(|v|, 1) (the step of every probe's stencil). */
    double defaultStep(Variable v) {
        return options.relativeStep() * Math.max(1.0, v.value().maxAbs());
    }

    /** The options this check runs with. */
    CheckOptions options() {
        return options;
    }

    static TensorReport withMethod(TensorReport r, String method) {
        return new TensorReport(r.variable(), r.location(), r.shape(), r.checked(), r.failures(), r.maxAbsError(),
                r.maxRelError(), r.worstIndex(), r.worstAnalytic(), r.worstNumeric(), r.mismatches(), r.worstEstimate(),
                r.nonDifferentiable(), r.kinks(), method, r.inconclusive(), r.unresolved(), r.adaptive(), r.worstStep());
    }
}
