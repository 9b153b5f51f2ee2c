package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The arithmetic of {@link SelfAttention} on one sequence X [seq, dim], on row-major arrays with offsets, and the
 * working arrays it needs: Q = X W<sub>q</sub>, K = X W<sub>k</sub>, V = X W<sub>v</sub> [seq, d<sub>k</sub>],
 * A = softmax<sub>row</sub>(Q K<sup>T</sup> / &radic;d<sub>k</sub>) [seq, seq], Y = A V. Every sum runs over its
 * index in ascending order from 0.0, the order of {@code Tensor.matmul} and {@code Tensor.matmulTranspose}, and
 * the softmax is shifted by its row max, so every path built on these methods (forward, patch, probe) gives the
 * same bits. Private to one thread.
 */
final class AttentionKernel {
    final int seq;
    final int dim;
    final int dk;
    private final double scale;
    /** Q, K, V, A of one sequence, and W<sub>q</sub>, W<sub>k</sub>, W<sub>v</sub> as read by {@link #readWeights}. */
    final double[] q;
    final double[] k;
    final double[] v;
    final double[] a;
    final double[] wq;
    final double[] wk;
    final double[] wv;

    AttentionKernel(int seq, int dim, int dk) {
        this.seq = seq;
        this.dim = dim;
        this.dk = dk;
        this.scale = 1.0 / Math.sqrt(dk);
        this.q = new double[seq * dk];
        this.k = new double[seq * dk];
        this.v = new double[seq * dk];
        this.a = new double[seq * seq];
        this.wq = new double[dim * dk];
        this.wk = new double[dim * dk];
        this.wv = new double[dim * dk];
    }

    /** Whether this kernel's arrays are those of a sequence of {@code seq} tokens of width {@code dim} and d<sub>k</sub> {@code dk}. */
    boolean fits(int seq, int dim, int dk) {
        return this.seq == seq && this.dim == dim && this.dk == dk;
    }

    /** Copies the layer's three projections into {@link #wq}, {@link #wk}, {@link #wv}. */
    void readWeights(Tensor wq, Tensor wk, Tensor wv) {
        wq.copyInto(this.wq, 0);
        wk.copyInto(this.wk, 0);
        wv.copyInto(this.wv, 0);
    }

    /** Y of the sequence at {@code xAt} of x into y at {@code yAt}, with the weights of {@link #readWeights}. */
    void sequence(double[] x, int xAt, double[] y, int yAt) {
        project(x, xAt, wq, q, 0);
        project(x, xAt, wk, k, 0);
        project(x, xAt, wv, v, 0);
        attend(q, 0, k, 0, v, 0, a, 0, y, yAt);
    }

    /** into[intoAt + i d<sub>k</sub> + j] = &Sigma;<sub>p</sub> x[xAt + i dim + p] w[p d<sub>k</sub> + j]: X W as row updates, p ascending. */
    void project(double[] x, int xAt, double[] w, double[] into, int intoAt) {
        Arrays.fill(into, intoAt, intoAt + seq * dk, 0.0);
        for (int i = 0; i < seq; i++) {
            int row = intoAt + i * dk;
            for (int p = 0; p < dim; p++) {
                double xp = x[xAt + i * dim + p];
                int wRow = p * dk;
                for (int j = 0; j < dk; j++) {
                    into[row + j] += xp * w[wRow + j];
                }
            }
        }
    }

    /** Column j alone of {@link #project}: the same sums, so the same bits. */
    void projectColumn(double[] x, int xAt, double[] w, int j, double[] into, int intoAt) {
        for (int i = 0; i < seq; i++) {
            double s = 0.0;
            for (int p = 0; p < dim; p++) {
                s += x[xAt + i * dim + p] * w[p * dk + j];
            }
            into[intoAt + i * dk + j] = s;
        }
    }

    /** A = softmax<sub>row</sub>(Q K<sup>T</sup> / &radic;d<sub>k</sub>) into a at {@code aAt}, and Y = A V into y at {@code yAt}. */
    void attend(double[] q, int qAt, double[] k, int kAt, double[] v, int vAt, double[] a, int aAt, double[] y, int yAt) {
        for (int i = 0; i < seq; i++) {
            int row = aAt + i * seq;
            for (int c = 0; c < seq; c++) {
                double s = 0.0;
                for (int p = 0; p < dk; p++) {
                    s += q[qAt + i * dk + p] * k[kAt + c * dk + p];
                }
                a[row + c] = s * scale;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < seq; c++) {
                max = Math.max(max, a[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < seq; c++) {
                a[row + c] = Math.exp(a[row + c] - max);
                sum += a[row + c];
            }
            for (int c = 0; c < seq; c++) {
                a[row + c] /= sum;
            }
        }
        Arrays.fill(y, yAt, yAt + seq * dk, 0.0);
        for (int i = 0; i < seq; i++) {
            int yRow = yAt + i * dk;
            for (int c = 0; c < seq; c++) {
                double weight = a[aAt + i * seq + c];
                int vRow = vAt + c * dk;
                for (int j = 0; j < dk; j++) {
                    y[yRow + j] += weight * v[vRow + j];
                }
            }
        }
    }

    /** Column j alone of Y = A V, from A at {@code aAt} and column j of V at {@code vAt}: the sums of {@link #attend}. */
    void attendColumn(double[] a, int aAt, double[] v, int vAt, int j, double[] y, int yAt) {
        for (int i = 0; i < seq; i++) {
            double s = 0.0;
            for (int c = 0; c < seq; c++) {
                s += a[aAt + i * seq + c] * v[vAt + c * dk + j];
            }
            y[yAt + i * dk + j] = s;
        }
    }
}
