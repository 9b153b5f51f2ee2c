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
}
