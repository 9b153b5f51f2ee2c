package io.gradcheck4j.engine.layers;

import java.util.Arrays;

/**
 * Recomputes the output Y of one sequence of {@link SelfAttention} after a change, from that sequence's
 * unperturbed {@link AttentionSequence} (read only), with the methods of {@link AttentionKernel}: what
 * {@link AttentionSequence#run} and {@link AttentionSequence#output} give on the changed sequence, bit for bit.
 * <ul>
 *   <li>{@link #tokens}: rows T of X changed. Rows T of Q, K, V are projected again; score row i &isin; T is
 *       recomputed, every other row i only in its columns c &isin; T; a row whose max is unchanged keeps
 *       exp(s<sub>ic</sub> - m<sub>i</sub>) for c &notin; T; every row is normalised again and Y = A V recomputed.</li>
 *   <li>{@link #queries} and {@link #keys}: column j of Q (of K) is projected again; the scores, softmax and
 *       Y are recomputed from the kept K, V (Q, V).</li>
 *   <li>{@link #values}: column j of V, and from the kept A column j of Y alone.</li>
 * </ul>
 * Private working state of one thread; allocates nothing per call.
 */
final class AttentionPatch {
    /** The tokens a {@link #tokens} call recomputes; it clears them. */
    final boolean[] changed;
    private final int seq;
    private final int dk;
    private final double[][] q;
    private final double[][] k;
    private final double[][] ownQ;
    private final double[][] ownK;
    private final double[][] vT;
    private final double[] vRow;
    private final double[][] a;
    private final double[] s;
    private final double[] e;
    private final double[] column;
    private final double[][] scores;
    private final double[][] y;

    /** Arrays for sequences of {@code seq} tokens and width d<sub>k</sub> {@code dk}. */
    AttentionPatch(int seq, int dk) {
        this.seq = seq;
        this.dk = dk;
        changed = new boolean[seq];
        q = new double[seq][];
        k = new double[seq][];
        ownQ = new double[seq][dk];
        ownK = new double[seq][dk];
        vT = new double[dk][seq];
        vRow = new double[dk];
        a = new double[seq][seq];
        s = new double[seq];
        e = new double[seq];
        column = new double[seq];
        scores = new double[seq][seq];
        y = new double[seq][dk];
    }

    /** Whether these arrays are those of sequences of {@code seq} tokens and width d<sub>k</sub> {@code dk}. */
    boolean fits(int seq, int dk) {
        return this.seq == seq && this.dk == dk;
    }

    /**
     * Y of the sequence at {@code xAt} of x2, which differs from the sequence of {@code base} in the rows marked in
     * {@link #changed} only, into out at {@code outAt}; clears the marks.
     */
    void tokens(AttentionSequence base, double[] x2, int xAt, AttentionSequence.Weights w, double[] out, int outAt) {
        int dim = w.wq().length;
        for (int p = 0; p < dk; p++) {
            System.arraycopy(base.vT[p], 0, vT[p], 0, seq);
        }
        for (int r = 0; r < seq; r++) {
            if (changed[r]) {
                AttentionKernel.projectRow(x2, xAt + r * dim, w.wq(), ownQ[r]);
                AttentionKernel.projectRow(x2, xAt + r * dim, w.wk(), ownK[r]);
                AttentionKernel.projectRow(x2, xAt + r * dim, w.wv(), vRow);
                for (int p = 0; p < dk; p++) {
                    vT[p][r] = vRow[p];
                }
            }
            q[r] = changed[r] ? ownQ[r] : base.q[r];
            k[r] = changed[r] ? ownK[r] : base.k[r];
        }
        for (int i = 0; i < seq; i++) {
            if (changed[i]) {
                AttentionKernel.scores(q[i], k, w.scale(), s);
                AttentionKernel.softmax(s, e, a[i]);
            } else {
                rescore(base, i, w.scale());
            }
        }
        AttentionKernel.output(a, vT, y, out, outAt);
        Arrays.fill(changed, false);
    }

    /** Row i of A for an unchanged token i: its scores in the changed columns, and exp again where the max moved. */
    private void rescore(AttentionSequence base, int i, double scale) {
        System.arraycopy(base.s[i], 0, s, 0, seq);
        for (int c = 0; c < seq; c++) {
            if (changed[c]) {
                s[c] = AttentionKernel.dot(q[i], k[c]) * scale;
            }
        }
        double max = AttentionKernel.max(s);
        boolean sameMax = Double.doubleToRawLongBits(max) == Double.doubleToRawLongBits(base.max[i]);
        for (int c = 0; c < seq; c++) {
            e[c] = sameMax && !changed[c] ? base.e[i][c] : Math.exp(s[c] - max);
        }
        AttentionKernel.normalise(e, a[i]);
    }

    /**
     * Y of the sequence of {@code base} (at {@code xAt} of x) with W<sub>q</sub> replaced by {@code w.wq()}, which
     * differs from the unperturbed one in column j only, into out at {@code outAt}.
     */
    void queries(AttentionSequence base, double[] x, int xAt, AttentionSequence.Weights w, int j, double[] out, int outAt) {
        replaceColumn(base.q, x, xAt, w.wq(), j, ownQ);
        attend(ownQ, base.k, base, w.scale(), out, outAt);
    }

    /** {@link #queries} for W<sub>k</sub> replaced by {@code w.wk()}, which differs in column j only. */
    void keys(AttentionSequence base, double[] x, int xAt, AttentionSequence.Weights w, int j, double[] out, int outAt) {
        replaceColumn(base.k, x, xAt, w.wk(), j, ownK);
        attend(base.q, ownK, base, w.scale(), out, outAt);
    }

    /** into = kept with column j projected again from the rows of x at {@code xAt} by {@code w}. */
    private void replaceColumn(double[][] kept, double[] x, int xAt, double[][] w, int j, double[][] into) {
        for (int i = 0; i < seq; i++) {
            System.arraycopy(kept[i], 0, into[i], 0, dk);
            into[i][j] = AttentionKernel.projectEntry(x, xAt + i * w.length, w, j);
        }
    }

    /** The scores of these Q and K, their softmax and Y = A V with the kept V, into out at {@code outAt}. */
    private void attend(double[][] queries, double[][] keys, AttentionSequence base, double scale, double[] out, int outAt) {
        AttentionKernel.scores(queries, keys, scale, scores);
        for (int i = 0; i < seq; i++) {
            AttentionKernel.softmax(scores[i], e, a[i]);
        }
        AttentionKernel.output(a, base.vT, y, out, outAt);
    }

    /**
     * Column j of Y for W<sub>v</sub> replaced by {@code w.wv()}, which differs in column j only, into out at
     * {@code outAt} (rows of width d<sub>k</sub>); the other columns of Y do not change.
     */
    void values(AttentionSequence base, double[] x, int xAt, AttentionSequence.Weights w, int j, double[] out, int outAt) {
        int dim = w.wv().length;
        for (int c = 0; c < seq; c++) {
            column[c] = AttentionKernel.projectEntry(x, xAt + c * dim, w.wv(), j);
        }
        for (int i = 0; i < seq; i++) {
            out[outAt + i * dk + j] = AttentionKernel.dot(base.a[i], column);
        }
    }
}
