package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.tensor.Tensor;

/**
 * k&times;k average pooling with stride S over an NCHW input [batch, channels, H, W], no padding:
 * y[n, c, i, j] = (1 / k<sup>2</sup>) &Sigma;<sub>0 &le; p, q &lt; k</sub> x[n, c, S i + p, S j + q].
 *
 * <p>Backward spreads each dy evenly over its window: dx[n, c, S i + p, S j + q] += dy[n, c, i, j] / k<sup>2</sup>
 * (overlapping windows add up).
 */
public final class AvgPool2D extends Pool2D implements FastLayer {
    /** Type name. */
    public static final String TYPE = "avg_pool2d";

    /** Average pooling over k&times;k windows moved by {@code stride}. */
    public AvgPool2D(int kernel, int stride) {
        super(TYPE, kernel, stride);
    }

    @Override
    public Tensor forward(Tensor x) {
        PoolGeometry g = geometry(x);
        double scale = 1.0 / (kernel() * kernel());
        double[] y = new double[g.outputSize()];
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int i = 0; i < g.outH(); i++) {
                    for (int j = 0; j < g.outW(); j++) {
                        double s = 0;
                        for (int p = 0; p < kernel(); p++) {
                            for (int q = 0; q < kernel(); q++) {
                                s += x.get(g.windowIndex(n, c, i, j, p, q));
                            }
                        }
                        y[g.outputIndex(n, c, i, j)] = s * scale;
                    }
                }
            }
        }
        return Tensor.wrap(y, g.outputShape());
    }

    /**
     * Only the windows containing a changed entry ({@link PoolGeometry#windowsContaining}) are summed again,
     * each in the order of {@link #forward}, so the patch is bit for bit a forward pass.
     */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        PoolGeometry g = geometry(x);
        int k = kernel();
        double scale = 1.0 / (k * k);
        int unique = g.windowsContaining(changed, count, written);
        for (int e = 0; e < unique; e++) {
            int o = written[e];
            int j = o % g.outW();
            int i = o / g.outW() % g.outH();
            int plane = o / (g.outW() * g.outH());
            int corner = (plane * g.inH() + i * g.stride()) * g.inW() + j * g.stride();
            double sum = 0;
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    sum += x2[corner + p * g.inW() + q];
                }
            }
            out[o] = sum * scale;
        }
        return unique;
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        PoolGeometry g = geometry(x);
        double scale = 1.0 / (kernel() * kernel());
        double[] dx = new double[x.size()];
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int i = 0; i < g.outH(); i++) {
                    for (int j = 0; j < g.outW(); j++) {
                        double share = dy.get(g.outputIndex(n, c, i, j)) * scale;
                        for (int p = 0; p < kernel(); p++) {
                            for (int q = 0; q < kernel(); q++) {
                                dx[g.windowIndex(n, c, i, j, p, q)] += share;
                            }
                        }
                    }
                }
            }
        }
        return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
    }
}
