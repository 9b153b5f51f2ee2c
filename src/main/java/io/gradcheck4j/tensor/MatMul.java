package io.gradcheck4j.tensor;

/**
 * Matrix-product kernels on row-major arrays, C += op(A) &middot; op(B), each entry summed over p in
 * ascending order (so every kernel gives bit-identical results).
 *
 * <p>The inner loop is the row update c<sub>i,:</sub> += a<sub>ip</sub> b<sub>p,:</sub>. The JIT of Java 17
 * vectorises it only when the two rows are separate arrays indexed from 0 (with offsets into one flat array
 * it cannot rule out overlap and stays scalar, about 4x slower), so from {@value #VECTOR_MIN_COLUMNS} columns
 * on the kernels copy the rows involved into row arrays first; the copies cost one pass over B (or C), far
 * less than the m&middot;k&middot;n multiply-adds. Narrower products accumulate blocks of 2 x 4 entries in
 * registers ({@link #abNarrow}).
 */
final class MatMul {
    static final int VECTOR_MIN_COLUMNS = 16;
    private static final int TILE = 32;
    private static final int PANEL = 16;

    private MatMul() {
    }

    /** out[m, n] += a[m, k] &middot; b[k, n]. */
    static void ab(double[] a, double[] b, double[] out, int m, int k, int n) {
        if (n < VECTOR_MIN_COLUMNS) {
            abNarrow(a, b, out, m, k, n);
            return;
        }
        double[][] rows = rows(out, m, n);
        double[] bRow = new double[n];
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, p * n, bRow, 0, n);
            updateRows(a, p, k, bRow, rows);
        }
        store(rows, out, n);
    }

    /**
     * {@link #ab} for fewer than {@value #VECTOR_MIN_COLUMNS} columns: blocks of 2 rows by 4 columns are
     * accumulated in eight registers over p, eight independent sums instead of one dependent chain.
     */
    private static void abNarrow(double[] a, double[] b, double[] out, int m, int k, int n) {
        int i = 0;
        for (; i + 1 < m; i += 2) {
            int a0 = i * k;
            int a1 = a0 + k;
            int o0 = i * n;
            int o1 = o0 + n;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                double s00 = out[o0 + j];
                double s01 = out[o0 + j + 1];
                double s02 = out[o0 + j + 2];
                double s03 = out[o0 + j + 3];
                double s10 = out[o1 + j];
                double s11 = out[o1 + j + 1];
                double s12 = out[o1 + j + 2];
                double s13 = out[o1 + j + 3];
                for (int p = 0; p < k; p++) {
                    double x0 = a[a0 + p];
                    double x1 = a[a1 + p];
                    int bp = p * n + j;
                    double b0 = b[bp];
                    double b1 = b[bp + 1];
                    double b2 = b[bp + 2];
                    double b3 = b[bp + 3];
                    s00 += x0 * b0;
                    s01 += x0 * b1;
                    s02 += x0 * b2;
                    s03 += x0 * b3;
                    s10 += x1 * b0;
                    s11 += x1 * b1;
                    s12 += x1 * b2;
                    s13 += x1 * b3;
                }
                out[o0 + j] = s00;
                out[o0 + j + 1] = s01;
                out[o0 + j + 2] = s02;
                out[o0 + j + 3] = s03;
                out[o1 + j] = s10;
                out[o1 + j + 1] = s11;
                out[o1 + j + 2] = s12;
                out[o1 + j + 3] = s13;
            }
            if (n - j == 3) {
                narrowTail3(a, b, out, a0, a1, o0 + j, o1 + j, k, n, j);
                j = n;
            }
            for (; j < n; j++) {
                double s0 = out[o0 + j];
                double s1 = out[o1 + j];
                for (int p = 0; p < k; p++) {
                    double bpj = b[p * n + j];
                    s0 += a[a0 + p] * bpj;
                    s1 += a[a1 + p] * bpj;
                }
                out[o0 + j] = s0;
                out[o1 + j] = s1;
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = out[i * n + j];
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * n + j];
                }
                out[i * n + j] = sum;
            }
        }
    }

    /**
     * The last three columns j..j+2 of two rows in {@link #abNarrow} (an affine layer with three outputs), six
     * sums in registers over one pass of p instead of three passes of two.
     */
    private static void narrowTail3(double[] a, double[] b, double[] out, int a0, int a1, int o0, int o1, int k, int n, int j) {
        double s00 = out[o0];
        double s01 = out[o0 + 1];
        double s02 = out[o0 + 2];
        double s10 = out[o1];
        double s11 = out[o1 + 1];
        double s12 = out[o1 + 2];
        for (int p = 0; p < k; p++) {
            double x0 = a[a0 + p];
            double x1 = a[a1 + p];
            int bp = p * n + j;
            double b0 = b[bp];
            double b1 = b[bp + 1];
            double b2 = b[bp + 2];
            s00 += x0 * b0;
            s01 += x0 * b1;
            s02 += x0 * b2;
            s10 += x1 * b0;
            s11 += x1 * b1;
            s12 += x1 * b2;
        }
        out[o0] = s00;
        out[o0 + 1] = s01;
        out[o0 + 2] = s02;
        out[o1] = s10;
        out[o1 + 1] = s11;
        out[o1 + 2] = s12;
    }

    /**
     * out[m, n] += a[k, m]<sup>T</sup> &middot; b[k, n]. Narrow but tall, over a batch of 16 or more (a weight
     * gradient x<sup>T</sup> dy of a layer with few outputs): computed as out<sup>T</sup> = b<sup>T</sup> a, whose
     * rows are long enough to vectorise; the same products summed in the same order. Smaller ones would spend
     * more on the three transposes than they save.
     */
    static void atb(double[] a, double[] b, double[] out, int k, int m, int n) {
        if (n < VECTOR_MIN_COLUMNS && m >= VECTOR_MIN_COLUMNS && k >= VECTOR_MIN_COLUMNS) {
            double[] outT = transpose(out, m, n);
            ab(transpose(b, k, n), a, outT, n, k, m);
            System.arraycopy(transpose(outT, n, m), 0, out, 0, out.length);
            return;
        }
        if (n < VECTOR_MIN_COLUMNS) {
            abNarrow(transpose(a, k, m), b, out, m, k, n);
            return;
        }
        double[][] bRows = rows(b, k, n);
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(out, i * n, row, 0, n);
            for (int p = 0; p < k; p++) {
                axpy(a[p * m + i], bRows[p], row);
            }
            System.arraycopy(row, 0, out, i * n, n);
        }
    }

    /**
     * out[m, n] += a[m, k] &middot; b[n, k]<sup>T</sup>, the row updates of {@link #ab} with the rows of
     * b<sup>T</sup> (columns of b) gathered {@value #PANEL} at a time into small buffers, so each row of b is
     * read a few contiguous cache lines at a time, and no transposed copy of b is allocated (for a weight
     * matrix in a backward pass, allocating it cost as much as the copying).
     */
    static void abt(double[] a, double[] b, double[] out, int m, int k, int n) {
        if (n < VECTOR_MIN_COLUMNS) {
            abNarrow(a, transpose(b, n, k), out, m, k, n);
            return;
        }
        double[][] rows = rows(out, m, n);
        double[][] columns = new double[PANEL][n];
        for (int p0 = 0; p0 < k; p0 += PANEL) {
            int p1 = Math.min(k, p0 + PANEL);
            for (int j = 0; j < n; j++) {
                int bRow = j * k;
                for (int p = p0; p < p1; p++) {
                    columns[p - p0][j] = b[bRow + p];
                }
            }
            for (int p = p0; p < p1; p++) {
                updateRows(a, p, k, columns[p - p0], rows);
            }
        }
        store(rows, out, n);
    }

    /** The transpose [cols, rows] of a row-major [rows, cols] array, copied in square tiles so reads and writes both stay in cache. */
    static double[] transpose(double[] in, int rows, int cols) {
        double[] out = new double[in.length];
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        out[j * rows + i] = in[i * cols + j];
                    }
                }
            }
        }
        return out;
    }

    /** rows[i] += a[i, p] &middot; x for every row i of a[m, k], two rows per pass over x. */
    private static void updateRows(double[] a, int p, int k, double[] x, double[][] rows) {
        int i = 0;
        for (; i + 1 < rows.length; i += 2) {
            axpy2(a[i * k + p], a[(i + 1) * k + p], x, rows[i], rows[i + 1]);
        }
        if (i < rows.length) {
            axpy(a[i * k + p], x, rows[i]);
        }
    }

    /** y0 += s0 &middot; x and y1 += s1 &middot; x in one loop, x read once (vectorised like {@link #axpy}). */
    private static void axpy2(double s0, double s1, double[] x, double[] y0, double[] y1) {
        for (int j = 0; j < x.length; j++) {
            double v = x[j];
            y0[j] += s0 * v;
            y1[j] += s1 * v;
        }
    }

    /** y += s &middot; x over two separate arrays indexed from 0: the loop shape the JIT vectorises. */
    private static void axpy(double s, double[] x, double[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] += s * x[j];
        }
    }

    private static double[][] rows(double[] flat, int m, int n) {
        double[][] rows = new double[m][n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(flat, i * n, rows[i], 0, n);
        }
        return rows;
    }

    private static void store(double[][] rows, double[] flat, int n) {
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * n, n);
        }
    }
}
