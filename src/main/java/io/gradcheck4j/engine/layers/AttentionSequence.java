package io.gradcheck4j.engine.layers;

/**
 * Everything the forward pass of {@link SelfAttention} computes on one sequence X [seq, dim], kept as row arrays:
 * Q = X W<sub>q</sub>, K = X W<sub>k</sub> [seq, d<sub>k</sub>], V<sup>T</sup> = (X W<sub>v</sub>)<sup>T</sup>
 * [d<sub>k</sub>, seq], the scores S = Q K<sup>T</sup> / &radic;d<sub>k</sub>, each row's max m<sub>i</sub>, the
 * shifted exponentials E = exp(S - m) and A = E / rowsum(E) [seq, seq], all by {@link AttentionKernel}. The
 * forward pass runs one instance per item; the speed paths keep one per item of the unperturbed input and read it
 * only, so threads may share it once computed.
 */
final class AttentionSequence {
    final double[][] q;
    final double[][] k;
    final double[][] vT;
    final double[][] s;
    final double[][] e;
    final double[][] a;
    final double[] max;
    private final double[] vRow;
    private final double[][] y;

    /** Arrays for a sequence of {@code seq} tokens and width d<sub>k</sub> {@code dk}. */
    AttentionSequence(int seq, int dk) {
        q = new double[seq][dk];
        k = new double[seq][dk];
        vT = new double[dk][seq];
        s = new double[seq][seq];
        e = new double[seq][seq];
        a = new double[seq][seq];
        max = new double[seq];
        vRow = new double[dk];
        y = new double[seq][dk];
    }

    /** The projections of the layer as row arrays, and 1/&radic;d<sub>k</sub>. */
    record Weights(double[][] wq, double[][] wk, double[][] wv, double scale) {
    }

    /** Computes every array from the sequence at {@code xAt} of x (rows of width dim, one after the other). */
    AttentionSequence run(double[] x, int xAt, Weights w) {
        int seq = q.length;
        int dim = w.wq().length;
        for (int i = 0; i < seq; i++) {
            AttentionKernel.projectRow(x, xAt + i * dim, w.wq(), q[i]);
            AttentionKernel.projectRow(x, xAt + i * dim, w.wk(), k[i]);
            AttentionKernel.projectRow(x, xAt + i * dim, w.wv(), vRow);
            for (int p = 0; p < vRow.length; p++) {
                vT[p][i] = vRow[p];
            }
        }
        AttentionKernel.scores(q, k, w.scale(), s);
        for (int i = 0; i < seq; i++) {
            max[i] = AttentionKernel.softmax(s[i], e[i], a[i]);
        }
        return this;
    }

    /** Writes Y = A V ({@link AttentionKernel#output}) into out at {@code outAt}. */
    void output(double[] out, int outAt) {
        AttentionKernel.output(a, vT, y, out, outAt);
    }
}
