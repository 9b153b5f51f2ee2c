package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The arithmetic of {@link SelfAttention} on one sequence, on row arrays: a projection row q<sub>i</sub> =
 * x<sub>i</sub> W, the scores S = Q K<sup>T</sup> / &radic;d<sub>k</sub> (or one row of them), the softmax of a
 * row a<sub>i</sub> = exp(s<sub>i</sub> - max s<sub>i</sub>) / &Sigma; exp(s<sub>i</sub> - max s<sub>i</sub>),
 * and Y = A V, computed as A (V<sup>T</sup>)<sup>T</sup> from the rows of V<sup>T</sup>. Every sum runs over its
 * index in ascending order from 0.0, the order of {@code Tensor.matmul} and {@code Tensor.matmulTranspose},
 * whether its entries are computed side by side (row updates, register blocks) or one by one, so every path built
 * on these methods (forward, patch, probe) gives the same bits.
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

    /**
     * &Sigma;<sub>p</sub> a[p] b[p], p ascending from 0.0: one entry of {@link #products}, so the same bits (a score
     * before the scale for a = q<sub>i</sub>, b = k<sub>c</sub>; y<sub>ij</sub> for a = a<sub>i</sub>, b = row j of
     * V<sup>T</sup>).
     */
    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int p = 0; p < a.length; p++) {
            s += a[p] * b[p];
        }
        return s;
    }

    /**
     * out[i][j] = &Sigma;<sub>p</sub> a[i][p] b[j][p] (A B<sup>T</sup> on the rows of A and B), each entry a
     * {@link #dot}, in blocks of 2 rows of A by 4 rows of B whose eight sums run side by side in registers.
     */
    static void products(double[][] a, double[][] b, double[][] out) {
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            double[] a0 = a[i];
            double[] a1 = a[i + 1];
            double[] out0 = out[i];
            double[] out1 = out[i + 1];
            int j = 0;
            for (; j + 3 < b.length; j += 4) {
                double[] b0 = b[j];
                double[] b1 = b[j + 1];
                double[] b2 = b[j + 2];
                double[] b3 = b[j + 3];
                double s00 = 0.0;
                double s01 = 0.0;
                double s02 = 0.0;
                double s03 = 0.0;
                double s10 = 0.0;
                double s11 = 0.0;
                double s12 = 0.0;
                double s13 = 0.0;
                for (int p = 0; p < a0.length; p++) {
                    double x0 = a0[p];
                    double x1 = a1[p];
                    double y0 = b0[p];
                    double y1 = b1[p];
                    double y2 = b2[p];
                    double y3 = b3[p];
                    s00 += x0 * y0;
                    s01 += x0 * y1;
                    s02 += x0 * y2;
                    s03 += x0 * y3;
                    s10 += x1 * y0;
                    s11 += x1 * y1;
                    s12 += x1 * y2;
                    s13 += x1 * y3;
                }
                out0[j] = s00;
                out0[j + 1] = s01;
                out0[j + 2] = s02;
                out0[j + 3] = s03;
                out1[j] = s10;
                out1[j + 1] = s11;
                out1[j + 2] = s12;
                out1[j + 3] = s13;
            }
            for (; j < b.length; j++) {
                out0[j] = dot(a0, b[j]);
                out1[j] = dot(a1, b[j]);
            }
        }
        if (i < a.length) {
            products(a[i], b, out[i]);
        }
    }

    /** out[j] = &Sigma;<sub>p</sub> a[p] b[j][p]: one row of {@link #products}, four rows of B at a time. */
    static void products(double[] a, double[][] b, double[] out) {
        int j = 0;
        for (; j + 3 < b.length; j += 4) {
            double[] b0 = b[j];
            double[] b1 = b[j + 1];
            double[] b2 = b[j + 2];
            double[] b3 = b[j + 3];
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int p = 0; p < a.length; p++) {
                double x = a[p];
                s0 += x * b0[p];
                s1 += x * b1[p];
                s2 += x * b2[p];
                s3 += x * b3[p];
            }
            out[j] = s0;
            out[j + 1] = s1;
            out[j + 2] = s2;
            out[j + 3] = s3;
        }
        for (; j < b.length; j++) {
            out[j] = dot(a, b[j]);
        }
    }

    /** s = Q K<sup>T</sup> &middot; scale from the rows of Q and K ({@link #products}, then each entry times scale). */
    static void scores(double[][] q, double[][] k, double scale, double[][] s) {
        products(q, k, s);
        for (double[] row : s) {
            scale(row, scale);
        }
    }

    /** Row i alone of {@link #scores}: s[c] = (q<sub>i</sub> &middot; k<sub>c</sub>) &middot; scale. */
    static void scores(double[] q, double[][] k, double scale, double[] s) {
        products(q, k, s);
        scale(s, scale);
    }

    private static void scale(double[] row, double scale) {
        for (int c = 0; c < row.length; c++) {
            row[c] *= scale;
        }
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

    /** Y = A V from the rows of A and of V<sup>T</sup> ({@link #products}, into {@code rows}), copied into y at {@code yAt} row after row. */
    static void output(double[][] a, double[][] vT, double[][] rows, double[] y, int yAt) {
        products(a, vT, rows);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, y, yAt + i * rows[i].length, rows[i].length);
        }
    }

    /** y += s &middot; x over two separate arrays indexed from 0. */
    private static void axpy(double s, double[] x, double[] y) {
        for (int j = 0; j < x.length; j++) {
            y[j] += s * x[j];
        }
    }
}
