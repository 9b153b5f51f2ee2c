package io.gradcheck4j.check;

import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Locates what made a probe of a large tensor fail or straddle a kink without re-checking all n entries one by one
 * (n evaluations of f, each O(n) on a network: O(n<sup>2</sup>)). The probe's direction u is bisected: a segment
 * S = [from, to) of the entries is the direction u<sub>S</sub> (u with every entry outside S set to 0), compared as
 * a probe of its own, &lt;a, u<sub>S</sub>&gt; = &Sigma;<sub>i &isin; S</sub> a<sub>i</sub> u<sub>i</sub> against
 * the derivative of f along u<sub>S</sub> (judged as {@link FastCheck#judged} judges a probe); the halves that fail
 * or straddle a kink are split again, down to segments of at most {@value #LEAF} entries, whose entries are compared
 * one by one. At most {@value #WIDTH} segments are followed per level (the first ones), so the cost is
 * O({@value #WIDTH} log<sub>2</sub>(n / {@value #LEAF})) directional stencils and at most {@value #WIDTH} &middot;
 * {@value #LEAF} entries.
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

    SegmentSearch(FastCheck fast, Differentiable f, Variable v, Tensor a, double[] u, Evaluation center, double noise) {
        this.fast = fast;
        this.f = f;
        this.v = v;
        this.a = a;
        this.u = u;
        this.center = center;
        this.noise = noise;
    }

    /**
     * The report of the failing probe located: the entries of the segments reached compared one by one, their wrong
     * and kinked entries named. When no half fails alone (an error spread thinly over the tensor), or the entries of
     * the segments reached all pass alone, the probe's own report {@code probe} stands, its method saying so.
     * {@code why} names the probe and what it did ("probe 1 of 3 failed").
     */
    TensorReport located(TensorReport probe, String why) {
        List<int[]> level = List.of(new int[] {0, u.length});
        while (!level.isEmpty() && level.get(0)[1] - level.get(0)[0] > LEAF) {
            List<int[]> next = new ArrayList<>();
            for (int[] segment : level) {
                int middle = (segment[0] + segment[1]) >>> 1;
                for (int[] half : new int[][] {{segment[0], middle}, {middle, segment[1]}}) {
                    if (next.size() < WIDTH && !passes(half[0], half[1])) {
                        next.add(half);
                    }
                }
            }
            level = next;
        }
        if (level.isEmpty()) {
            String spread = probe.failures() > 0 ? "fails alone (an error spread over the tensor)" : "straddles a kink alone";
            return FastCheck.withMethod(probe, "fast: " + why + "; no half of it " + spread);
        }
        int[] indices = level.stream().flatMapToInt(s -> IntStream.range(s[0], s[1])).toArray();
        String segments = level.size() + (level.size() == 1 ? " segment" : " segments") + " of at most " + LEAF + " entries";
        TensorReport entries = fast.compare(f, v, a, indices, noise, new ArrayList<>());
        if (probe.failures() > 0 && entries.failures() == 0) {
            return FastCheck.withMethod(probe, "fast: " + why + "; bisected to " + segments + ", whose entries pass alone");
        }
        return FastCheck.withMethod(entries, "fast: " + why + ", bisected to " + segments + ", " + indices.length + " entries re-checked");
    }

    /** Whether the segment [from, to) of u, as a probe of its own, neither fails nor straddles a kink. */
    private boolean passes(int from, int to) {
        double[] segment = new double[u.length];
        System.arraycopy(u, from, segment, from, to - from);
        Stencil.Line line = FastProbes.line(f, v, segment, "entries " + from + " to " + (to - 1) + " of a probe");
        double scale = Math.max(1.0, v.value().maxAbs());
        double h = fast.options().relativeStep() * scale;
        Stencil.Sampled stencil = Stencil.sample(line, h, center, fast.options().kinkRetryFactor());
        Comparison c = new Comparison(v, fast.options(), new ArrayList<>());
        double directional = FastCheck.projection(a, u, from, to);
        c.add(new int[0], directional, fast.judged(line, stencil, () -> Stencil.noise(List.of(line), List.of(h), FastProbes.LINE_NOISE_POINTS), directional, v, center, noise, c));
        return c.failures() == 0 && c.nonDifferentiable() == 0;
    }
}
