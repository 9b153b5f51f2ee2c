package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The arithmetic of {@link SelfAttention} on one sequence, on row arrays (every row a separate array indexed from
 * 0, the loop shape the JIT vectorises): a projection row q<sub>i</sub> = x<sub>i</sub> W, the scores
 * S = Q K<sup>T</sup> / &radic;d<sub>k</sub> (or one row of them), the softmax of a row a<sub>i</sub> =
 * exp(s<sub>i</sub> - max s<sub>i</sub>) / &Sigma; exp(s<sub>i</sub> - max s<sub>i</sub>), and Y = A V. Every sum runs over its index in ascending order from 0.0, the order of
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
     * b = row c of K, and entry (i, j) of {@link #product} for a = row i of A, b = column j of V; the same sums, so
     * the same bits.
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

    /**
     * out[i][j] = &Sigma;<sub>c</sub> a[i][c] b[c][j], c ascending from 0.0 (for a = Q and b = K<sup>T</sup> the
     * sums of {@link #scoreRow} before the scale, for a = A and b = V those of Y = A V), in blocks of 2 rows by 4
     * columns accumulated in registers: eight independent sums instead of one row update at a time.
     */
    static void product(double[][] a, double[][] b, double[][] out) {
        int cols = out.length == 0 ? 0 : out[0].length;
        int i = 0;
        for (; i + 1 < out.length; i += 2) {
            double[] a0 = a[i];
            double[] a1 = a[i + 1];
            int j = 0;
            for (; j + 3 < cols; j += 4) {
                double s00 = 0.0;
                double s01 = 0.0;
                double s02 = 0.0;
                double s03 = 0.0;
                double s10 = 0.0;
                double s11 = 0.0;
                double s12 = 0.0;
                double s13 = 0.0;
                for (int c = 0; c < b.length; c++) {
                    double[] bc = b[c];
                    double x0 = a0[c];
                    double x1 = a1[c];
                    double b0 = bc[j];
                    double b1 = bc[j + 1];
                    double b2 = bc[j + 2];
                    double b3 = bc[j + 3];
                    s00 += x0 * b0;
                    s01 += x0 * b1;
                    s02 += x0 * b2;
                    s03 += x0 * b3;
                    s10 += x1 * b0;
                    s11 += x1 * b1;
                    s12 += x1 * b2;
                    s13 += x1 * b3;
                }
                out[i][j] = s00;
                out[i][j + 1] = s01;
                out[i][j + 2] = s02;
                out[i][j + 3] = s03;
                out[i + 1][j] = s10;
                out[i + 1][j + 1] = s11;
                out[i + 1][j + 2] = s12;
                out[i + 1][j + 3] = s13;
            }
            for (; j < cols; j++) {
                double s0 = 0.0;
                double s1 = 0.0;
                for (int c = 0; c < b.length; c++) {
                    s0 += a0[c] * b[c][j];
                    s1 += a1[c] * b[c][j];
                }
                out[i][j] = s0;
                out[i + 1][j] = s1;
            }
        }
        for (; i < out.length; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0.0;
                for (int c = 0; c < b.length; c++) {
                    s += a[i][c] * b[c][j];
                }
                out[i][j] = s;
            }
        }
    }

    /** Y = A V ({@link #product}, into {@code rows}) copied into y at {@code yAt}, rows of width d<sub>k</sub> one after the other. */
    static void output(double[][] a, double[][] v, double[][] rows, double[] y, int yAt) {
        product(a, v, rows);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, y, yAt + i * rows[i].length, rows[i].length);
        }
    }

    /** S = Q K<sup>T</sup> &middot; scale ({@link #product} of Q and K<sup>T</sup>, then scaled: {@link #scoreRow} for every row) into s. */
    static void scores(double[][] q, double[][] kT, double scale, double[][] s) {
        product(q, kT, s);
        for (double[] row : s) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= scale;
            }
        }
    }

    /** y += s &middot; x over two separate arrays indexed from 0. */
    private static void axpy(double s, double[] x, double[] y) {
        for (int j = 0; j < x.length; j++) {
            y[j] += s * x[j];
        }
    }
}
