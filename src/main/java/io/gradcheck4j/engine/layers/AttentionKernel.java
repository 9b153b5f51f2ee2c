package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The arithmetic of {@link SelfAttention} on one sequence, on row arrays (every row a separate array indexed from
 * 0, the loop shape the JIT vectorises): a projection row q<sub>i</sub> = x<sub>i</sub> W, a score row
 * s<sub>i</sub> = q<sub>i</sub> K<sup>T</sup> / &radic;d<sub>k</sub>, its softmax a<sub>i</sub> =
 * exp(s<sub>i</sub> - max s<sub>i</sub>) / &Sigma; exp(s<sub>i</sub> - max s<sub>i</sub>), and an output row
 * y<sub>i</sub> = a<sub>i</sub> V. Every sum runs over its index in ascending order from 0.0, the order of
 * {@code Tensor.matmul} and {@code Tensor.matmulTranspose}, whether it is computed as row updates (all entries of
 * a row side by side) or entry by entry, so every path built on these methods (forward, patch, probe) gives the
 * same bits.
 */
final class AttentionKernel {

    private AttentionKernel() {
    }

    /** W [rows, cols] as one array per row. */
    static double[][] rows(Tensor w) {
        int cols = w.dim(1);
        double[][] rows = new double[w.dim(0)][cols];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols; c++) {
                rows[r][c] = w.get(r * cols + c);
            }
        }
        return rows;
    }

    /** into[j] = &Sigma;<sub>p</sub> x[xAt + p] w[p][j]: the row x[xAt .. xAt + dim) times W, as row updates, p ascending. */
    static void projectRow(double[] x, int xAt, double[][] w, double[] into) {
        Arrays.fill(into, 0.0);
        for (int p = 0; p < w.length; p++) {
            axpy(x[xAt + p], w[p], into);
        }
    }

    /** Entry j alone of {@link #projectRow}: the same sum, so the same bits. */
    static double projectEntry(double[] x, int xAt, double[][] w, int j) {
        double s = 0.0;
        for (int p = 0; p < w.length; p++) {
            s += x[xAt + p] * w[p][j];
        }
        return s;
    }

    /** s[c] = (&Sigma;<sub>p</sub> q[p] kT[p][c]) &middot; scale: one row of Q K<sup>T</sup> / &radic;d<sub>k</sub> as row updates over K<sup>T</sup>'s rows. */
    static void scoreRow(double[] q, double[][] kT, double scale, double[] s) {
        Arrays.fill(s, 0.0);
        for (int p = 0; p < kT.length; p++) {
            axpy(q[p], kT[p], s);
        }
        for (int c = 0; c < s.length; c++) {
            s[c] *= scale;
        }
    }

    /**
     * &Sigma;<sub>p</sub> a[p] b[p], p ascending from 0.0: entry c of {@link #scoreRow} (before the scale) for a = q,
     * b = row c of K, and entry j of {@link #mix} for b = column j of V; the same sums, so the same bits.
     */
    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int p = 0; p < a.length; p++) {
            s += a[p] * b[p];
        }
        return s;
    }

    /** The largest entry of s (-&infin; for none), compared in ascending order. */
    static double max(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** a = e / &Sigma; e, the sum in ascending order: the softmax of a row whose shifted exponentials e are given. */
    static void normalise(double[] e, double[] a) {
        double sum = 0;
        for (double v : e) {
            sum += v;
        }
        for (int c = 0; c < e.length; c++) {
            a[c] = e[c] / sum;
        }
    }

    /** e = exp(s - max s) and a = e / &Sigma; e; returns max s. */
    static double softmax(double[] s, double[] e, double[] a) {
        double max = max(s);
        for (int c = 0; c < s.length; c++) {
            e[c] = Math.exp(s[c] - max);
        }
        normalise(e, a);
        return max;
    }

    /** y[j] = &Sigma;<sub>c</sub> a[c] v[c][j]: one output row A V as row updates, c ascending. */
    static void mix(double[] a, double[][] v, double[] y) {
        Arrays.fill(y, 0.0);
        for (int c = 0; c < a.length; c++) {
            axpy(a[c], v[c], y);
        }
    }

    /** Y = A V row by row ({@link #mix}, through {@code yRow}) into y at {@code yAt}, rows of width d<sub>k</sub> one after the other. */
    static void output(double[][] a, double[][] v, double[] yRow, double[] y, int yAt) {
        for (int i = 0; i < a.length; i++) {
            mix(a[i], v, yRow);
            System.arraycopy(yRow, 0, y, yAt + i * yRow.length, yRow.length);
        }
    }

    /** y += s &middot; x over two separate arrays indexed from 0. */
    private static void axpy(double s, double[] x, double[] y) {
        for (int j = 0; j < x.length; j++) {
            y[j] += s * x[j];
        }
    }
}
