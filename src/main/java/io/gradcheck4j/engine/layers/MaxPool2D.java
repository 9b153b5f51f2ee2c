package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.tensor.Tensor;
import java.util.function.IntToDoubleFunction;

/**
 * k&times;k max pooling with stride S over an NCHW input [batch, channels, H, W], no padding:
 * y[n, c, i, j] = max<sub>0 &le; p, q &lt; k</sub> x[n, c, S i + p, S j + q], output
 * [batch, channels, &lfloor;(H - k)/S&rfloor; + 1, &lfloor;(W - k)/S&rfloor; + 1].
 *
 * <p>Backward routes each dy[n, c, i, j] to the window's argmax (the first maximal element in row-major
 * window order); windows that overlap (S &lt; k) add their contributions. Where two elements of a window tie
 * for the maximum, y is not differentiable (a kink): {@link #branchPattern} reports each window's argmax
 * (p &middot; k + q), which changes between x - h and x + h exactly when a perturbation crosses such a tie.
 *
 * <p>Incrementally ({@link FastLayer#forwardPatch}), a changed input entry changes only the windows containing it:
 * those are scanned again, in the same order and with the same strict comparison, so ties resolve as in
 * {@link #forward}.
 */
public final class MaxPool2D extends Pool2D implements FastLayer {
    /** Type name. */
    public static final String TYPE = "max_pool2d";

    /** Max pooling over k&times;k windows moved by {@code stride}. */
    public MaxPool2D(int kernel, int stride) {
        super(TYPE, kernel, stride);
    }

    @Override
    public Tensor forward(Tensor x) {
        PoolGeometry g = geometry(x);
        int[] argmax = argmaxInput(x, g);
        double[] y = new double[argmax.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = x.get(argmax[k]);
        }
        return Tensor.wrap(y, g.outputShape());
    }

    /** forward(x2) through {@link #forwardPatch}, bit for bit. */
    @Override
    public Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return PatchedForward.of(this, x, y, x2);
    }

    /** Scans again the windows containing a changed entry ({@link PoolGeometry#windowsContaining}), as {@link #forward} does. */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        PoolGeometry g = geometry(x);
        int windows = g.windowsContaining(changed, count, written);
        IntToDoubleFunction values = in -> x2[in];
        for (int e = 0; e < windows; e++) {
            int o = written[e];
            int j = o % g.outW();
            int i = o / g.outW() % g.outH();
            int plane = o / (g.outW() * g.outH());
            int position = argmaxPosition(values, g, plane / g.channels(), plane % g.channels(), i, j);
            out[o] = x2[g.windowIndex(plane / g.channels(), plane % g.channels(), i, j, position / kernel(), position % kernel())];
        }
        return windows;
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        PoolGeometry g = geometry(x);
        int[] argmax = argmaxInput(x, g);
        double[] dx = new double[x.size()];
        for (int k = 0; k < argmax.length; k++) {
            dx[argmax[k]] += dy.get(k);
        }
        return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
    }

    /** For every output element, the position p &middot; k + q of its window's argmax. */
    @Override
    public int[] branchPattern(Tensor x) {
        PoolGeometry g = geometry(x);
        int[] pattern = new int[g.outputSize()];
        forEachWindow(x, g, (out, in, position) -> pattern[out] = position);
        return pattern;
    }

    /** For every output element, the flat input offset of its window's argmax. */
    private int[] argmaxInput(Tensor x, PoolGeometry g) {
        int[] argmax = new int[g.outputSize()];
        forEachWindow(x, g, (out, in, position) -> argmax[out] = in);
        return argmax;
    }

    private void forEachWindow(Tensor x, PoolGeometry g, ArgmaxSink sink) {
        IntToDoubleFunction values = x::get;
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int i = 0; i < g.outH(); i++) {
                    for (int j = 0; j < g.outW(); j++) {
                        int position = argmaxPosition(values, g, n, c, i, j);
                        sink.accept(g.outputIndex(n, c, i, j), g.windowIndex(n, c, i, j, position / kernel(), position % kernel()), position);
                    }
                }
            }
        }
    }

    /** The position p &middot; k + q of the first maximal element, in row-major order, of the window of output (n, c, i, j). */
    private int argmaxPosition(IntToDoubleFunction x, PoolGeometry g, int n, int c, int i, int j) {
        double best = x.applyAsDouble(g.windowIndex(n, c, i, j, 0, 0));
        int bestPosition = 0;
        for (int p = 0; p < kernel(); p++) {
            for (int q = 0; q < kernel(); q++) {
                double v = x.applyAsDouble(g.windowIndex(n, c, i, j, p, q));
                if (v > best) {
                    best = v;
                    bestPosition = p * kernel() + q;
                }
            }
        }
        return bestPosition;
    }

    /** Receives one window's argmax: output offset, input offset and position in the window. */
    @FunctionalInterface
    private interface ArgmaxSink {
        void accept(int outputIndex, int inputIndex, int windowPosition);
    }
}
