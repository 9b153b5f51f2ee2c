package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;

/** Slices of [batch, time, width] sequence tensors as matrices, and the way back. */
final class Sequences {
    private Sequences() {
    }

    /** x[:, t, :] of x [batch, time, width] as a [batch, width] matrix. */
    static Tensor timeStep(Tensor x, int t) {
        int batch = x.dim(0);
        int time = x.dim(1);
        int width = x.dim(2);
        double[] out = new double[batch * width];
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < width; k++) {
                out[n * width + k] = x.get((n * time + t) * width + k);
            }
        }
        return Tensor.wrap(out, batch, width);
    }

    /** Writes the [batch, width] matrix m into time step t of {@code target}, laid out [batch, time, width]. */
    static void putTimeStep(double[] target, int time, int t, Tensor m) {
        int batch = m.dim(0);
        int width = m.dim(1);
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < width; k++) {
                target[(n * time + t) * width + k] = m.get(n * width + k);
            }
        }
    }

    /** x[n] of x [batch, rows, cols] as a [rows, cols] matrix. */
    static Tensor item(Tensor x, int n) {
        int rows = x.dim(1);
        int cols = x.dim(2);
        double[] out = new double[rows * cols];
        int base = n * rows * cols;
        for (int k = 0; k < out.length; k++) {
            out[k] = x.get(base + k);
        }
        return Tensor.wrap(out, rows, cols);
    }

    /** Writes the [rows, cols] matrix m as item n of {@code target}, laid out [batch, rows, cols]. */
    static void putItem(double[] target, int n, Tensor m) {
        m.copyInto(target, n * m.size());
    }
}
