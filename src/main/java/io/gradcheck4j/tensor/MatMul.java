package io.gradcheck4j.tensor;

/**
 * Cache-friendly matrix-product kernels on row-major arrays, C += op(A) &middot; op(B).
 *
 * <p>Loops run in i-k-j order so the innermost loop streams contiguous rows of B and C, and are
 * blocked over k and j so the working set stays in cache; no allocation happens inside.
 */
final class MatMul {
    private static final int BLOCK = 64;

    private MatMul() {
    }

    /** out[m, n] = a[m, k] &middot; b[k, n]. */
    static void ab(double[] a, double[] b, double[] out, int m, int k, int n) {
        for (int k0 = 0; k0 < k; k0 += BLOCK) {
            int k1 = Math.min(k, k0 + BLOCK);
            for (int j0 = 0; j0 < n; j0 += BLOCK) {
                int j1 = Math.min(n, j0 + BLOCK);
                for (int i = 0; i < m; i++) {
                    int outRow = i * n;
                    int aRow = i * k;
                    for (int p = k0; p < k1; p++) {
                        double aip = a[aRow + p];
                        int bRow = p * n;
                        for (int j = j0; j < j1; j++) {
                            out[outRow + j] += aip * b[bRow + j];
                        }
                    }
                }
            }
        }
    }

    /** out[m, n] = a[k, m]<sup>T</sup> &middot; b[k, n]. */
    static void atb(double[] a, double[] b, double[] out, int k, int m, int n) {
        for (int p = 0; p < k; p++) {
            int aRow = p * m;
            int bRow = p * n;
            for (int i = 0; i < m; i++) {
                double api = a[aRow + i];
                int outRow = i * n;
                for (int j = 0; j < n; j++) {
                    out[outRow + j] += api * b[bRow + j];
                }
            }
        }
    }

    /**
     * out[m, n] = a[m, k] &middot; b[n, k]<sup>T</sup>: b is transposed into a [k, n] buffer and multiplied
     * with {@link #ab}, whose vectorised inner loop beats row-by-row dot products (a dot product is a
     * floating-point reduction the JIT may not reorder). Each entry is still summed over p in ascending order.
     */
    static void abt(double[] a, double[] b, double[] out, int m, int k, int n) {
        double[] bt = new double[k * n];
        for (int j = 0; j < n; j++) {
            int bRow = j * k;
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[bRow + p];
            }
        }
        ab(a, bt, out, m, k, n);
    }
}
