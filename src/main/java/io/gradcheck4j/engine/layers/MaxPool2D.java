package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;

/**
 * k&times;k max pooling with stride S over an NCHW input [batch, channels, H, W], no padding:
 * y[n, c, i, j] = max<sub>0 &le; p, q &lt; k</sub> x[n, c, S i + p, S j + q], output
 * [batch, channels, &lfloor;(H - k)/S&rfloor; + 1, &lfloor;(W - k)/S&rfloor; + 1].
 *
 * <p>Backward routes each dy[n, c, i, j] to the window's argmax (the first maximal element in row-major
 * window order); windows that overlap (S &lt; k) add their contributions. Where two elements of a window tie
 * for the maximum, y is not differentiable (a kink): {@link #branchPattern} reports each window's argmax
 * (p &middot; k + q), which changes between x - h and x + h exactly when a perturbation crosses such a tie.
 */
public final class MaxPool2D extends Pool2D {
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
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int i = 0; i < g.outH(); i++) {
                    for (int j = 0; j < g.outW(); j++) {
                        int best = g.windowIndex(n, c, i, j, 0, 0);
                        int bestPosition = 0;
                        for (int p = 0; p < kernel(); p++) {
                            for (int q = 0; q < kernel(); q++) {
                                int in = g.windowIndex(n, c, i, j, p, q);
                                if (x.get(in) > x.get(best)) {
                                    best = in;
                                    bestPosition = p * kernel() + q;
                                }
                            }
                        }
                        sink.accept(g.outputIndex(n, c, i, j), best, bestPosition);
                    }
                }
            }
        }
    }

    /** Receives one window's argmax: output offset, input offset and position in the window. */
    @FunctionalInterface
    private interface ArgmaxSink {
        void accept(int outputIndex, int inputIndex, int windowPosition);
    }
}
