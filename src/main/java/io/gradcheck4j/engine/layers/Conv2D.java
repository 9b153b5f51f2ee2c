package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) in NCHW layout: input x
 * [batch, inC, H, W], weight [outC, inC, kH, kW], bias [outC], zero padding P on every border and stride S:
 *
 * <pre>
 *   y[n, o, i, j] = b[o] + &Sigma;_(c,p,q) W[o, c, p, q] &middot; x&#x0303;[n, c, S i + p - P, S j + q - P]
 * </pre>
 *
 * where x&#x0303; is x with zeros outside its bounds; the output is [batch, outC, H', W'] with
 * H' = &lfloor;(H + 2P - kH) / S&rfloor; + 1 and W' = &lfloor;(W + 2P - kW) / S&rfloor; + 1.
 *
 * <p>Backward (every term of the sum above routes its dy back to both factors):
 * db[o] = &Sigma;<sub>n, i, j</sub> dy[n, o, i, j];
 * dW[o, c, p, q] = &Sigma;<sub>n, i, j</sub> dy[n, o, i, j] &middot; x&#x0303;[n, c, S i + p - P, S j + q - P];
 * dx[n, c, r, s] = &Sigma; dy[n, o, i, j] &middot; W[o, c, p, q] over all (o, i, j, p, q) with
 * S i + p - P = r and S j + q - P = s.
 *
 * <p>Written as direct blocked loops over taps: for each tap (c, p, q) a whole output plane is updated, one
 * contiguous run per row, over the rows and columns whose input lies inside x. Taps on the zero padding are
 * skipped, not multiplied by 0, so a non-finite weight reaches only the outputs whose window puts that tap on
 * the input (as in the formula read literally, x&#x0303; = 0 contributing no term). Every sum runs in the
 * order of the textbook loop over (n, o, i, j, c, p, q), starting from b[o] for y, so the forward pass and
 * every speed path give the same bits.
 */
public final class Conv2D extends ParameterisedLayer implements FastLayer {
    /** Type name. */
    public static final String TYPE = "conv2d";
    /** Name of the kernel W [outC, inC, kH, kW]. */
    public static final String WEIGHT = "weight";
    /** Name of the bias b [outC]. */
    public static final String BIAS = "bias";

    private static final List<String> PARAMETERS = List.of(WEIGHT, BIAS);
    /** The most partial sums kept ({@link #partialSums}): 8 MB of doubles. */
    private static final long MAX_PARTIAL_SUMS = 1 << 20;

    private final Tensor weight;
    private final Tensor bias;
    private final int stride;
    private final int padding;
    /** The partial sums of the last input patched (see {@link #forwardPatch}); immutable, so threads may share it. */
    private volatile PartialSums partials;

    /** A convolution with kernel {@code weight} [outC, inC, kH, kW], {@code bias} [outC], stride &ge; 1, padding &ge; 0. */
    public Conv2D(Tensor weight, Tensor bias, int stride, int padding) {
        super(TYPE, PARAMETERS);
        Shapes.requireRank(TYPE, "weight", weight, 4, "[outC, inC, kH, kW]");
        Shapes.requireShape(TYPE, "bias", bias, weight.dim(0));
        if (stride < 1) {
            throw new IllegalArgumentException(TYPE + " stride must be >= 1, got " + stride);
        }
        if (padding < 0) {
            throw new IllegalArgumentException(TYPE + " padding must be >= 0, got " + padding);
        }
        this.weight = weight;
        this.bias = bias;
        this.stride = stride;
        this.padding = padding;
    }

    /** The stride S. */
    public int stride() {
        return stride;
    }

    /** The zero padding P. */
    public int padding() {
        return padding;
    }

    /** {@code stride} and {@code padding}, as {@link SpatialLayers} reads them. */
    @Override
    public Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("stride", stride);
        o.put("padding", padding);
        return o;
    }

    @Override
    Tensor[] parameterValues() {
        return new Tensor[] {weight, bias};
    }

    @Override
    public Tensor forward(Tensor x) {
        Geometry g = geometry(x);
        double[] y = new double[g.batch * g.outC * g.outH * g.outW];
        double[] xs = x.toArray();
        double[] w = weight.toArray();
        double[] b = bias.toArray();
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outC; o++) {
                channel(g, xs, w, b, n, o, y);
            }
        }
        return Tensor.wrap(y, g.batch, g.outC, g.outH, g.outW);
    }

    /**
     * Output plane (n, o) into {@code y}, tap by tap: the plane starts at b[o], and each tap (c, p, q) in
     * ascending order is added ({@link #addTap}). Each entry thus sums exactly the terms of {@link #entry}, in its order.
     */
    private void channel(Geometry g, double[] xs, double[] w, double[] b, int n, int o, double[] y) {
        int plane = g.outputIndex(n, o, 0, 0);
        java.util.Arrays.fill(y, plane, plane + g.outH * g.outW, b[o]);
        taps(g, xs, w, n, o, 0, y);
    }

    /** Adds to plane (n, o) of {@code y} the taps from flat tap index {@code from} = (c kH + p) kW + q on, in order. */
    private void taps(Geometry g, double[] xs, double[] w, int n, int o, int from, double[] y) {
        for (int t = from; t < g.inC * g.kH * g.kW; t++) {
            addTap(g, xs, w, n, o, t, y);
        }
    }

    /**
     * The partial sums of input x, kept for the next patches of x (a race computes them twice, equal): for each
     * output plane (n, o) and tap index t = (c kH + p) kW + q, the plane as {@link #channel} has it before adding
     * tap t, b[o] plus the taps before t inside x, laid out [batch, outC, taps, H', W']; null when that would
     * exceed {@value #MAX_PARTIAL_SUMS} values (a large layer patches by {@link #entry} instead).
     */
    private PartialSums partialSums(Geometry g, Tensor x) {
        PartialSums kept = partials;
        if (kept != null && kept.x() == x) {
            return kept;
        }
        int taps = g.inC * g.kH * g.kW;
        int plane = g.outH * g.outW;
        if ((long) g.batch * g.outC * taps * plane > MAX_PARTIAL_SUMS) {
            return null;
        }
        double[] xs = x.toArray();
        double[] w = weight.toArray();
        double[] sums = new double[g.batch * g.outC * taps * plane];
        double[] run = new double[g.batch * g.outC * plane];
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outC; o++) {
                int at = g.outputIndex(n, o, 0, 0);
                java.util.Arrays.fill(run, at, at + plane, bias.get(o));
                for (int t = 0; t < taps; t++) {
                    System.arraycopy(run, at, sums, ((n * g.outC + o) * taps + t) * plane, plane);
                    addTap(g, xs, w, n, o, t, run);
                }
            }
        }
        kept = new PartialSums(x, sums);
        partials = kept;
        return kept;
    }

    /**
     * Adds tap t = (c kH + p) kW + q to plane (n, o) of {@code y}: the rows i and columns j whose input lies
     * inside x get W[o, c, p, q] &middot; x added, one contiguous run of j per row.
     */
    private void addTap(Geometry g, double[] xs, double[] w, int n, int o, int t, double[] y) {
        int plane = g.outputIndex(n, o, 0, 0);
        int q = t % g.kW;
        int p = t / g.kW % g.kH;
        int c = t / (g.kW * g.kH);
        int i0 = firstInside(p, padding, stride);
        int i1 = endInside(p, padding, stride, g.inH, g.outH);
        int j0 = firstInside(q, padding, stride);
        int j1 = endInside(q, padding, stride, g.inW, g.outW);
        double tap = w[g.weightIndex(o, c, p, q)];
        for (int i = i0; i < i1; i++) {
            int yRow = plane + i * g.outW;
            int xRow = g.inputIndex(n, c, i * stride + p - padding, q - padding);
            for (int j = j0; j < j1; j++) {
                y[yRow + j] += tap * xs[xRow + j * stride];
            }
        }
    }

    /** The first output row (column) i &ge; 0 whose tap p lies inside the input: S i + p - P &ge; 0. */
    private static int firstInside(int p, int padding, int stride) {
        return p >= padding ? 0 : Math.floorDiv(padding - p + stride - 1, stride);
    }

    /** One past the last output row (column) i &lt; {@code outSize} whose tap p lies inside the input: S i + p - P &lt; {@code inSize}. */
    private static int endInside(int p, int padding, int stride, int inSize, int outSize) {
        return Math.max(0, Math.min(outSize, Math.floorDiv(inSize - 1 + padding - p, stride) + 1));
    }

    /**
     * One output entry, b[o] + its taps inside x in order (c, p, q), the sum {@link #channel} forms for a whole
     * plane, so {@link #forwardPatch} gives it bit for bit.
     */
    private double entry(Geometry g, double[] xs, int out) {
        int j = out % g.outW;
        int i = out / g.outW % g.outH;
        int o = out / (g.outW * g.outH) % g.outC;
        int n = out / (g.outW * g.outH * g.outC);
        return rest(g, xs, bias.get(o), n, o, i, j, 0, Math.max(0, padding - i * stride), Math.max(0, padding - j * stride));
    }

    /**
     * {@code sum} plus the taps of output (n, o, i, j) inside x from tap (c0, p0, q0) on, in order (c, p, q), tap
     * (c0, p0, q0) being inside: the taps inside are the rows p with 0 &le; S i + p - P &lt; H and the columns q with
     * 0 &le; S j + q - P &lt; W, the same for every c, found once.
     */
    private double rest(Geometry g, double[] xs, double sum, int n, int o, int i, int j, int c0, int p0, int q0) {
        int top = i * stride - padding;
        int left = j * stride - padding;
        int pFirst = Math.max(0, -top);
        int pEnd = Math.min(g.kH, g.inH - top);
        int qFirst = Math.max(0, -left);
        int qEnd = Math.min(g.kW, g.inW - left);
        double s = sum;
        for (int c = c0; c < g.inC; c++) {
            for (int p = c == c0 ? p0 : pFirst; p < pEnd; p++) {
                int wRow = g.weightIndex(o, c, p, 0);
                int xRow = g.inputIndex(n, c, top + p, left);
                for (int q = c == c0 && p == p0 ? q0 : qFirst; q < qEnd; q++) {
                    s += weight.get(wRow + q) * xs[xRow + q];
                }
            }
        }
        return s;
    }

    /**
     * Input entry (n, c, r, s) reaches only the outputs (n, o, i, j) whose window covers it, S i + p - P = r
     * and S j + q - P = s for some tap (p, q): at most outC &middot; &lceil;kH/S&rceil; &middot; &lceil;kW/S&rceil;
     * entries, each recomputed in full ({@link #entry}), so the patch is bit for bit a forward pass of x2; reads
     * the parameters in place and allocates nothing. The outputs of one changed entry come out ascending
     * (o, i, j ascending); those of several are sorted and repeats dropped. One changed entry (the inner loop of
     * a full check) is the only term of its tap (c, p, q) in each output it reaches: the output is then the kept
     * partial sum before that tap ({@link #partialSums}) plus the taps from it on, the very sum of a forward pass.
     */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        Geometry g = geometry(x);
        int n = 0;
        for (int k = 0; k < count && n >= 0; k++) {
            n = reached(g, changed[k], written, n);
        }
        boolean every = n < 0;
        if (every) {
            n = written.length;
            for (int e = 0; e < n; e++) {
                written[e] = e;
            }
        } else if (count > 1) {
            java.util.Arrays.sort(written, 0, n);
            int unique = 0;
            for (int e = 0; e < n; e++) {
                if (unique == 0 || written[e] != written[unique - 1]) {
                    written[unique++] = written[e];
                }
            }
            n = unique;
        }
        PartialSums kept = count == 1 && !every ? partialSums(g, x) : null;
        if (kept == null) {
            for (int e = 0; e < n; e++) {
                out[written[e]] = entry(g, x2, written[e]);
            }
            return n;
        }
        int in = changed[0];
        int s = in % g.inW;
        int r = in / g.inW % g.inH;
        int c = in / (g.inW * g.inH) % g.inC;
        int taps = g.inC * g.kH * g.kW;
        int plane = g.outH * g.outW;
        for (int e = 0; e < n; e++) {
            int o = written[e] / plane % g.outC;
            int img = written[e] / (plane * g.outC);
            int i = written[e] / g.outW % g.outH;
            int j = written[e] % g.outW;
            int p = r + padding - i * stride;
            int q = s + padding - j * stride;
            int t = (c * g.kH + p) * g.kW + q;
            double before = kept.sums()[((img * g.outC + o) * taps + t) * plane + i * g.outW + j];
            out[written[e]] = rest(g, x2, before, img, o, i, j, c, p, q);
        }
        return n;
    }

    /**
     * Appends the outputs input entry {@code in} = (n, c, r, s) reaches to {@code written} from {@code n}: rows i with
     * 0 &le; r + P - S i &lt; kH, columns j likewise; -1 when they do not fit.
     */
    private int reached(Geometry g, int in, int[] written, int n) {
        int s = in % g.inW;
        int r = in / g.inW % g.inH;
        int img = in / (g.inW * g.inH * g.inC);
        int i0 = Math.max(0, -Math.floorDiv(g.kH - 1 - r - padding, stride));
        int i1 = Math.min(g.outH, Math.floorDiv(r + padding, stride) + 1);
        int j0 = Math.max(0, -Math.floorDiv(g.kW - 1 - s - padding, stride));
        int j1 = Math.min(g.outW, Math.floorDiv(s + padding, stride) + 1);
        for (int o = 0; o < g.outC; o++) {
            for (int i = i0; i < i1; i++) {
                for (int j = j0; j < j1; j++) {
                    if (n == written.length) {
                        return -1;
                    }
                    written[n++] = g.outputIndex(img, o, i, j);
                }
            }
        }
        return n;
    }

    /**
     * Changing W[o, c, p, q] or b[o] changes only output channel o, so the probe recomputes that channel
     * ({@link #channel}, bit for bit a forward pass) in O(batch &middot; H' &middot; W' &middot; inC &middot; kH &middot; kW)
     * instead of outC times that; for a weight entry, from the kept partial sums before its tap ({@link #partialSums})
     * on, the taps before it being unchanged.
     */
    @Override
    public ParameterProbe probe(String param, Tensor x) {
        return probe(param, x, forward(x));
    }

    /** {@link #probe(String, Tensor)} with y = forward(x) given. */
    @Override
    public ParameterProbe probe(String param, Tensor x, Tensor y) {
        boolean perturbsWeight = InPlaceProbe.perturbsWeight("conv2d", param);
        Geometry g = geometry(x);
        double[] xs = x.toArray();
        double[] w = weight.toArray();
        double[] b = bias.toArray();
        int perChannel = g.inC * g.kH * g.kW;
        int plane = g.outH * g.outW;
        PartialSums kept = perturbsWeight ? partialSums(g, x) : null;
        return InPlaceProbe.of(y, (flatIndex, newValue, ys, written) -> {
            double[] values = perturbsWeight ? w : b;
            java.util.Objects.checkIndex(flatIndex, values.length);
            int o = perturbsWeight ? flatIndex / perChannel : flatIndex;
            double original = values[flatIndex];
            values[flatIndex] = newValue;
            try {
                int k = 0;
                for (int n = 0; n < g.batch; n++) {
                    int first = (n * g.outC + o) * plane;
                    if (kept == null) {
                        channel(g, xs, w, b, n, o, ys);
                    } else {
                        int t = flatIndex % perChannel;
                        System.arraycopy(kept.sums(), ((n * g.outC + o) * perChannel + t) * plane, ys, first, plane);
                        taps(g, xs, w, n, o, t, ys);
                    }
                    for (int e = first; e < first + plane; e++) {
                        written[k++] = e;
                    }
                }
                return k;
            } finally {
                values[flatIndex] = original;
            }
        });
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        Geometry g = geometry(x);
        double[] xs = x.toArray();
        double[] w = weight.toArray();
        double[] up = dy.toArray();
        double[] dx = new double[x.size()];
        double[] dW = new double[weight.size()];
        double[] db = new double[bias.size()];
        for (int out = 0; out < up.length; out++) {
            db[g.outputChannel(out)] += up[out];
        }
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outC; o++) {
                for (int c = 0; c < g.inC; c++) {
                    for (int p = g.kH - 1; p >= 0; p--) {
                        for (int q = g.kW - 1; q >= 0; q--) {
                            int tap = g.weightIndex(o, c, p, q);
                            dW[tap] = tapBackward(g, n, o, c, p, q, w[tap], xs, up, dW[tap], dx);
                        }
                    }
                }
            }
        }
        return gradients(Tensor.wrap(dx, x.shape()), Tensor.wrap(dW, weight.shape()), Tensor.wrap(db, bias.shape()));
    }

    /**
     * Tap (c, p, q) of output plane (n, o), over the rows i and columns j whose input lies inside x: adds
     * dy[n, o, i, j] &middot; W[o, c, p, q] to dx[n, c, S i + p - P, S j + q - P] and returns {@code dWSum} plus
     * &Sigma;<sub>i, j</sub> dy[n, o, i, j] &middot; x[n, c, S i + p - P, S j + q - P], (i, j) ascending. The caller
     * visits n, o, c ascending and (p, q) descending, so every sum runs in the order of the textbook loop over
     * (n, o, i, j, c, p, q): dW[o, c, p, q] over (n, i, j) ascending; dx[n, c, r, s] over o ascending and, within
     * one o, i and j ascending (the tap reaching (r, s) from row i is p = r + P - S i, which falls as i rises).
     */
    private double tapBackward(Geometry g, int n, int o, int c, int p, int q, double tap, double[] xs, double[] up, double dWSum, double[] dx) {
        int i0 = firstInside(p, padding, stride);
        int i1 = endInside(p, padding, stride, g.inH, g.outH);
        int j0 = firstInside(q, padding, stride);
        int j1 = endInside(q, padding, stride, g.inW, g.outW);
        double sum = dWSum;
        for (int i = i0; i < i1; i++) {
            int upRow = g.outputIndex(n, o, i, 0);
            int xRow = g.inputIndex(n, c, i * stride + p - padding, q - padding);
            for (int j = j0; j < j1; j++) {
                double d = up[upRow + j];
                int in = xRow + j * stride;
                sum += d * xs[in];
                dx[in] += d * tap;
            }
        }
        return sum;
    }

    @Override
    Layer withValues(Tensor[] p) {
        return new Conv2D(p[0], p[1], stride, padding);
    }

    private Geometry geometry(Tensor x) {
        Shapes.requireRank(TYPE, "input", x, 4, "[batch, channels, height, width]");
        if (x.dim(1) != weight.dim(1)) {
            throw new IllegalArgumentException(TYPE + " expects " + weight.dim(1) + " input channels, got input of shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        int outH = Math.floorDiv(x.dim(2) + 2 * padding - weight.dim(2), stride) + 1;
        int outW = Math.floorDiv(x.dim(3) + 2 * padding - weight.dim(3), stride) + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(TYPE + " kernel " + weight.dim(2) + "x" + weight.dim(3) + " with padding " + padding
                    + " does not fit input of shape " + java.util.Arrays.toString(x.shape()));
        }
        return new Geometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), weight.dim(0), weight.dim(2), weight.dim(3), outH, outW);
    }

    /** Sizes of one convolution and the row-major offsets into its tensors. */
    private record Geometry(int batch, int inC, int inH, int inW, int outC, int kH, int kW, int outH, int outW) {
        int inputIndex(int n, int c, int r, int s) {
            return ((n * inC + c) * inH + r) * inW + s;
        }

        int weightIndex(int o, int c, int p, int q) {
            return ((o * inC + c) * kH + p) * kW + q;
        }

        int outputIndex(int n, int o, int i, int j) {
            return ((n * outC + o) * outH + i) * outW + j;
        }

        /** The channel o of output offset {@code out}. */
        int outputChannel(int out) {
            return out / (outH * outW) % outC;
        }
    }

    /** The input and the partial sums of its output planes, tap by tap ({@link #partialSums}); never written. */
    private record PartialSums(Tensor x, double[] sums) {
    }
}
