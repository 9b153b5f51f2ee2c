package io.gradcheck4j.check;

import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Locates what made a probe of a large tensor fail or straddle a kink without re-checking all n entries one by one
 * (n evaluations of f, each O(n) on a network: O(n<sup>2</sup>)). The probe's direction u is bisected: a segment
 * S = [from, to) of the entries is the direction u<sub>S</sub> (u with every entry outside S set to 0), compared as
 * a probe of its own, &lt;a, u<sub>S</sub>&gt; = &Sigma;<sub>i &isin; S</sub> a<sub>i</sub> u<sub>i</sub> against
 * the derivative of f along u<sub>S</sub>: failing at once where its stencil fails at a step and noise its parent was
 * judged against ({@link #bounds}), else judged as {@link FastCheck#judged} judges a probe; the halves that fail
 * or straddle a kink are split again, down to segments of at most {@value #LEAF} entries, whose entries are compared
 * one by one. At most {@value #WIDTH} segments are followed per level (the first ones), so the cost is
 * O({@value #WIDTH} log<sub>2</sub>(n / {@value #LEAF})) directional stencils and at most {@value #WIDTH} &middot;
 * {@value #LEAF} entries. A segment decided at its parent's bounds costs one or a few stencils, not the measurements
 * of its own noise at several spacings (each an evaluation of f over the whole tensor).
 */
final class SegmentSearch {
    /** Tensors of at most this many entries are re-checked entry by entry instead. */
    static final int ENTRY_RECHECK_LIMIT = 4096;
    static final int LEAF = 64;
    static final int WIDTH = 4;

    private final FastCheck fast;
    private final Differentiable f;
    private final Variable v;
    private final Tensor a;
    private final double[] u;
    private final Evaluation center;
    private final double noise;
    private final List<Bound> probeBounds;
    /** max |v|, the scale of the adaptive step search's ladder. */
    private final double scale;

    /** {@code probeBounds}: what the failing probe along u was judged against ({@link #bounds}). */
    SegmentSearch(FastCheck fast, Differentiable f, Variable v, Tensor a, double[] u, Evaluation center, double noise,
                  List<Bound> probeBounds) {
        this.fast = fast;
        this.f = f;
        this.v = v;
        this.a = a;
        this.u = u;
        this.center = center;
        this.noise = noise;
        this.probeBounds = probeBounds;
        this.scale = v.value().maxAbs();
    }

    /**
     * The report of the failing probe located: the entries of the segments reached compared one by one, their wrong
     * and kinked entries named. When no half fails alone (an error spread thinly over the tensor), or the entries of
     * the segments reached all pass alone, the probe's own report {@code probe} stands, its method saying so.
     * {@code why} names the probe and what it did ("probe 1 of 3 failed").
     */
    TensorReport located(TensorReport probe, String why) {
        List<Segment> level = List.of(new Segment(0, u.length, probeBounds));
        while (!level.isEmpty() && level.get(0).size() > LEAF) {
            List<Segment> next = new ArrayList<>();
            for (Segment segment : level) {
                int middle = (segment.from() + segment.to()) >>> 1;
                for (int[] half : new int[][] {{segment.from(), middle}, {middle, segment.to()}}) {
                    Segment failing = next.size() < WIDTH ? failing(half[0], half[1], segment.bounds()) : null;
                    if (failing != null) {
                        next.add(failing);
                    }
                }
            }
            level = next;
        }
        if (level.isEmpty()) {
            String spread = probe.failures() > 0 ? "fails alone (an error spread over the tensor)" : "straddles a kink alone";
            return FastCheck.withMethod(probe, "fast: " + why + "; no half of it " + spread);
        }
        int[] indices = level.stream().flatMapToInt(s -> IntStream.range(s.from(), s.to())).toArray();
        String segments = level.size() + (level.size() == 1 ? " segment" : " segments") + " of at most " + LEAF + " entries";
        TensorReport entries = fast.compare(f, v, a, indices, noise, new ArrayList<>());
        if (probe.failures() > 0 && entries.failures() == 0) {
            return FastCheck.withMethod(probe, "fast: " + why + "; bisected to " + segments + ", whose entries pass alone");
        }
        return FastCheck.withMethod(entries, "fast: " + why + ", bisected to " + segments + ", " + indices.length + " entries re-checked");
    }

    /**
     * The segment [from, to) of u judged as a probe of its own: null when it neither fails nor straddles a kink,
     * else the segment with the bounds its halves are judged against first. It fails at once when its stencil fails
     * at one of its parent's {@code bounds} (a step and the noise its parent was judged against there, measured along
     * a direction that moves a superset of its entries): a larger noise only widens the error bound, and the wider
     * steps and the search of {@link FastCheck#judged}, which keep a candidate only for a smaller estimate, cannot
     * bring a value off by more than 10 estimates at that noise back within the bound. Otherwise it is judged as
     * {@link FastCheck#judged} judges a probe, its own noise measured only where the tensor's does not settle it.
     * Between the two, where the default stencil is differentiable but its estimate not small (as {@link FastCheck#judged}
     * would search), the adaptive step search runs at the largest of its parent's noise levels (its ladder only, the
     * noise not measured again): a rejection there fails the segment too, and its step joins the bounds of its
     * halves (once: a step already among them is not added again).
     * Which segments fail only steers the search: the entries reached are compared one by one, and where none of
     * them fails the probe's own failure stands.
     */
    private Segment failing(int from, int to, List<Bound> parent) {
        double[] segment = new double[u.length];
        System.arraycopy(u, from, segment, from, to - from);
        Stencil.Line line = FastProbes.line(f, v, segment, "entries " + from + " to " + (to - 1) + " of a probe");
        double h = fast.defaultStep(v);
        Stencil.Sampled stencil = Stencil.sample(line, h, center, fast.options().kinkRetryFactor());
        double directional = FastCheck.projection(a, u, from, to);
        double parentNoise = 0;
        NumericDerivative atDefault = null;
        for (Bound bound : parent) {
            Stencil.Sampled at = bound.step() == h ? stencil : Stencil.sample(line, bound.step(), center, fast.options().kinkRetryFactor());
            NumericDerivative d = at.derivative(bound.noise());
            if (d.differentiable() && !fast.options().tolerance().accepts(directional, d.value(), d.errorEstimate())) {
                return new Segment(from, to, parent);
            }
            atDefault = atDefault == null ? d : atDefault;    // the first bound is the default step's
            parentNoise = Math.max(parentNoise, bound.noise());
        }
        boolean worthSearching = atDefault.differentiable() && Resolution.worthSearching(directional, atDefault.value(), atDefault.errorEstimate());
        NumericDerivative searched = worthSearching ? AdaptiveStep.searchAtNoise(line, scale, center, parentNoise) : null;
        if (searched != null && !fast.options().tolerance().accepts(directional, searched.value(), searched.errorEstimate())) {
            if (parent.stream().anyMatch(b -> b.step() == searched.step())) {
                return new Segment(from, to, parent);
            }
            List<Bound> bounds = new ArrayList<>(parent);
            bounds.add(new Bound(searched.step(), parentNoise));
            return new Segment(from, to, bounds);
        }
        Comparison c = new Comparison(v, fast.options(), new ArrayList<>());
        LineNoise own = new LineNoise(line);
        FastCheck.Judged judged = fast.judged(line, stencil, own, directional, v, center, noise, c);
        c.add(new int[0], directional, judged.derivative());
        if (c.failures() == 0 && c.nonDifferentiable() == 0) {
            return null;
        }
        return new Segment(from, to, bounds(fast, v, own, noise, center, judged.searchedAt()));
    }

    /**
     * What a probe or segment judged by {@link FastCheck#judged} was judged against, for its halves: the default step
     * with the noise of its stencil there (the tensor's {@code noise}, or the line's where it was measured and raised,
     * see {@link FastCheck#probeNoise}), then, widest first, each wider step whose stencil was judged at the noise
     * measured along the line at its spacing, with that noise (at least the default step's): a wide stencil's
     * round-off is smaller, so a direction noisier than its entries shows a wrong value there first. Where the
     * adaptive step search decided it ({@code searched}, else null), the search's step with the noise it measured
     * comes second: a segment decided there costs one stencil, not a search of its own (its noise measured at a dozen
     * spacings, each an evaluation of f over the whole tensor).
     */
    static List<Bound> bounds(FastCheck fast, Variable v, LineNoise lineNoise, double noise, Evaluation center, Bound searched) {
        double h = fast.defaultStep(v);
        double measured = lineNoise.measuredAt(h);
        double atDefault = Double.isNaN(measured) ? noise : FastCheck.probeNoise(noise, measured, center.value());
        List<Bound> bounds = new ArrayList<>();
        bounds.add(new Bound(h, atDefault));
        if (searched != null && searched.step() != h) {
            bounds.add(searched);
        }
        List<Double> wider = lineNoise.spacings().stream().filter(step -> step > h).sorted(Comparator.reverseOrder()).toList();
        for (double step : wider) {
            bounds.add(new Bound(step, Math.max(atDefault, lineNoise.measuredAt(step))));
        }
        return bounds;
    }

    /** A step and the noise of f a failing probe or segment was judged against at it. */
    record Bound(double step, double noise) {
    }

    /** The entries [from, to) of u, and the bounds the halves of this segment are judged against first. */
    private record Segment(int from, int to, List<Bound> bounds) {
        int size() {
            return to - from;
        }
    }
}
