package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Sizes of a k&times;k pooling with stride S over an NCHW input without padding: output
 * [batch, channels, H', W'] with H' = &lfloor;(H - k) / S&rfloor; + 1, W' = &lfloor;(W - k) / S&rfloor; + 1.
 */
record PoolGeometry(int batch, int channels, int inH, int inW, int kernel, int stride, int outH, int outW) {

    /** The geometry of pooling {@code x}, or an error naming {@code type} when x does not fit. */
    static PoolGeometry of(String type, Tensor x, int kernel, int stride) {
        Shapes.requireRank(type, "input", x, 4, "[batch, channels, height, width]");
        if (x.dim(2) < kernel || x.dim(3) < kernel) {
            throw new IllegalArgumentException(type + " kernel " + kernel + "x" + kernel + " does not fit input of shape "
                    + Arrays.toString(x.shape()));
        }
        return new PoolGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernel, stride,
                (x.dim(2) - kernel) / stride + 1, (x.dim(3) - kernel) / stride + 1);
    }

    /** An error unless kernel &ge; 1 and stride &ge; 1. */
    static void validate(String type, int kernel, int stride) {
        if (kernel < 1) {
            throw new IllegalArgumentException(type + " kernel must be >= 1, got " + kernel);
        }
        if (stride < 1) {
            throw new IllegalArgumentException(type + " stride must be >= 1, got " + stride);
        }
    }

    /** Number of output elements. */
    int outputSize() {
        return batch * channels * outH * outW;
    }

    /** Output shape [batch, channels, H', W']. */
    int[] outputShape() {
        return new int[] {batch, channels, outH, outW};
    }

    /** Row-major offset of input element (n, c, r, s). */
    int inputIndex(int n, int c, int r, int s) {
        return ((n * channels + c) * inH + r) * inW + s;
    }

    /** Row-major offset of output element (n, c, i, j). */
    int outputIndex(int n, int c, int i, int j) {
        return ((n * channels + c) * outH + i) * outW + j;
    }

    /** Input offset of element (p, q) of the window of output (n, c, i, j). */
    int windowIndex(int n, int c, int i, int j, int p, int q) {
        return inputIndex(n, c, i * stride + p, j * stride + q);
    }

    /**
     * The output offsets whose windows contain any of the input offsets {@code changed[0..count)}: input
     * (n, c, r, s) lies in the windows (i, j) with S i &le; r &lt; S i + k and S j &le; s &lt; S j + k only.
     * Writes them into {@code windows} (room for {@link #outputSize()}) ascending without repeats and
     * returns how many; when the windows of the changed entries, counted with repeats, outnumber the
     * outputs, lists every output. Each window is appended when it is past the last one listed (the usual case,
     * the changed entries being ascending), else found by binary search and inserted unless already listed; the
     * row and plane of a changed entry are worked out once per input row the entries fall in.
     */
    int windowsContaining(int[] changed, int count, int[] windows) {
        int n = 0;
        int repeated = 0;
        int rowStart = 0;
        int rowEnd = 0;
        int r = 0;
        int plane = 0;
        for (int e = 0; e < count; e++) {
            int in = changed[e];
            if (in < rowStart || in >= rowEnd) {
                int row = in / inW;
                rowStart = row * inW;
                rowEnd = rowStart + inW;
                r = row % inH;
                plane = row / inH;
            }
            int s = in - rowStart;
            for (int i = Math.max(0, (r - kernel + stride) / stride); i <= Math.min(outH - 1, r / stride); i++) {
                for (int j = Math.max(0, (s - kernel + stride) / stride); j <= Math.min(outW - 1, s / stride); j++) {
                    if (++repeated > windows.length) {
                        for (int o = 0; o < outputSize(); o++) {
                            windows[o] = o;
                        }
                        return outputSize();
                    }
                    n = insert(windows, n, (plane * outH + i) * outW + j);
                }
            }
        }
        return n;
    }

    /** Adds {@code w} to the ascending, distinct {@code sorted[0..n)} unless there; returns the new length. */
    private static int insert(int[] sorted, int n, int w) {
        if (n == 0 || w > sorted[n - 1]) {
            sorted[n] = w;
            return n + 1;
        }
        int at = Arrays.binarySearch(sorted, 0, n, w);
        if (at >= 0) {
            return n;
        }
        int position = -at - 1;
        System.arraycopy(sorted, position, sorted, position + 1, n - position);
        sorted[position] = w;
        return n + 1;
    }
}
