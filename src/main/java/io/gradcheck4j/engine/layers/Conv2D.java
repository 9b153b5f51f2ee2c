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
 * S i + p - P = r and S j + q - P = s. Written with direct loops.
 */
public final class Conv2D extends ParameterisedLayer implements FastLayer {
    /** Type name. */
    public static final String TYPE = "conv2d";
    /** Name of the kernel W [outC, inC, kH, kW]. */
    public static final String WEIGHT = "weight";
    /** Name of the bias b [outC]. */
    public static final String BIAS = "bias";

    private static final List<String> PARAMETERS = List.of(WEIGHT, BIAS);

    private final Tensor weight;
    private final Tensor bias;
    private final int stride;
    private final int padding;

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
        for (int out = 0; out < y.length; out++) {
            y[out] = entry(g, xs, w, b, out);
        }
        return Tensor.wrap(y, g.batch, g.outC, g.outH, g.outW);
    }

    /**
     * One output entry, b[o] + the taps of {@link #forEachTap} in its order (c, p, q), so every path that
     * recomputes an entry (forward, {@link #forwardPatch}, the parameter probe) gives it bit for bit.
     */
    private double entry(Geometry g, double[] xs, double[] w, double[] b, int out) {
        int j = out % g.outW;
        int i = out / g.outW % g.outH;
        int o = out / (g.outW * g.outH) % g.outC;
        int n = out / (g.outW * g.outH * g.outC);
        double s = b[o];
        for (int c = 0; c < g.inC; c++) {
            for (int p = 0; p < g.kH; p++) {
                int r = i * stride + p - padding;
                if (r < 0 || r >= g.inH) {
                    continue;
                }
                int wRow = g.weightIndex(o, c, p, 0);
                int xRow = g.inputIndex(n, c, r, 0);
                for (int q = 0; q < g.kW; q++) {
                    int col = j * stride + q - padding;
                    if (col >= 0 && col < g.inW) {
                        s += w[wRow + q] * xs[xRow + col];
                    }
                }
            }
        }
        return s;
    }

    /**
     * Input entry (n, c, r, s) reaches only the outputs (n, o, i, j) whose window covers it, S i + p - P = r
     * and S j + q - P = s for some tap (p, q): at most outC &middot; &lceil;kH/S&rceil; &middot; &lceil;kW/S&rceil;
     * entries, each recomputed in full ({@link #entry}), so the patch is bit for bit a forward pass of x2.
     */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        Geometry g = geometry(x);
        int n = 0;
        for (int k = 0; k < count && n >= 0; k++) {
            n = reached(g, changed[k], written, n);
        }
        if (n < 0) {
            n = written.length;
            for (int e = 0; e < n; e++) {
                written[e] = e;
            }
        } else {
            java.util.Arrays.sort(written, 0, n);
            int unique = 0;
            for (int e = 0; e < n; e++) {
                if (unique == 0 || written[e] != written[unique - 1]) {
                    written[unique++] = written[e];
                }
            }
            n = unique;
        }
        double[] w = weight.toArray();
        double[] b = bias.toArray();
        for (int e = 0; e < n; e++) {
            out[written[e]] = entry(g, x2, w, b, written[e]);
        }
        return n;
    }

    /** Appends the outputs input entry {@code in} reaches to {@code written} from {@code n}; -1 when they do not fit. */
    private int reached(Geometry g, int in, int[] written, int n) {
        int s = in % g.inW;
        int r = in / g.inW % g.inH;
        int img = in / (g.inW * g.inH * g.inC);
        for (int o = 0; o < g.outC; o++) {
            for (int i = 0; i < g.outH; i++) {
                int p = r + padding - i * stride;
                if (p < 0 || p >= g.kH) {
                    continue;
                }
                for (int j = 0; j < g.outW; j++) {
                    int q = s + padding - j * stride;
                    if (q >= 0 && q < g.kW) {
                        if (n == written.length) {
                            return -1;
                        }
                        written[n++] = g.outputIndex(img, o, i, j);
                    }
                }
            }
        }
        return n;
    }

    /**
     * Changing W[o, c, p, q] or b[o] changes only output channel o, so the probe recomputes that channel
     * ({@link #entry}, bit for bit a forward pass) in O(batch &middot; H' &middot; W' &middot; inC &middot; kH &middot; kW)
     * instead of outC times that.
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
                    for (int e = first; e < first + plane; e++) {
                        ys[e] = entry(g, xs, w, b, e);
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
        double[] dx = new double[x.size()];
        double[] dW = new double[weight.size()];
        double[] db = new double[bias.size()];
        for (int out = 0; out < dy.size(); out++) {
            db[g.outputChannel(out)] += dy.get(out);
        }
        forEachTap(g, (out, w, in) -> {
            double up = dy.get(out);
            dW[w] += up * x.get(in);
            dx[in] += up * weight.get(w);
        });
        return gradients(Tensor.wrap(dx, x.shape()), Tensor.wrap(dW, weight.shape()), Tensor.wrap(db, bias.shape()));
    }

    /**
     * Visits every term W[o, c, p, q] &middot; x[n, c, S i + p - P, S j + q - P] of the sum above whose input
     * element lies inside x (the zero padding contributes nothing), output element by output element in
     * row-major order and, within one, in (c, p, q) order.
     */
    private void forEachTap(Geometry g, Tap tap) {
        for (int n = 0; n < g.batch; n++) {
            for (int o = 0; o < g.outC; o++) {
                for (int i = 0; i < g.outH; i++) {
                    for (int j = 0; j < g.outW; j++) {
                        int out = g.outputIndex(n, o, i, j);
                        for (int c = 0; c < g.inC; c++) {
                            for (int p = 0; p < g.kH; p++) {
                                int r = i * stride + p - padding;
                                if (r < 0 || r >= g.inH) {
                                    continue;
                                }
                                for (int q = 0; q < g.kW; q++) {
                                    int col = j * stride + q - padding;
                                    if (col >= 0 && col < g.inW) {
                                        tap.accept(out, g.weightIndex(o, c, p, q), g.inputIndex(n, c, r, col));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
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

    /** One term of the convolution sum: output, weight and input offsets. */
    @FunctionalInterface
    private interface Tap {
        void accept(int outputIndex, int weightIndex, int inputIndex);
    }
}
