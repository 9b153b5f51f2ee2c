package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Single-head scaled dot-product self-attention without masking: for every item X [seq, dim] of the input
 * x [batch, seq, dim], with parameters W<sub>q</sub>, W<sub>k</sub>, W<sub>v</sub> [dim, d<sub>k</sub>],
 *
 * <pre>
 *   Q = X W_q,  K = X W_k,  V = X W_v,  S = Q K^T / &radic;d_k,
 *   A = softmax_(row)(S),  Y = A V
 * </pre>
 *
 * giving y [batch, seq, d<sub>k</sub>].
 *
 * <p>Backward, per item: dV = A<sup>T</sup> dY, dA = dY V<sup>T</sup>, the softmax Jacobian per row
 * dS = A &odot; (dA - rowsum(dA &odot; A)), dQ = dS K / &radic;d<sub>k</sub>,
 * dK = dS<sup>T</sup> Q / &radic;d<sub>k</sub>; the parameters collect dW<sub>q</sub> += X<sup>T</sup> dQ,
 * dW<sub>k</sub> += X<sup>T</sup> dK, dW<sub>v</sub> += X<sup>T</sup> dV over the batch, and X, used three times,
 * sums its three paths: dX = dQ W<sub>q</sub><sup>T</sup> + dK W<sub>k</sub><sup>T</sup> + dV W<sub>v</sub><sup>T</sup>.
 * With seq = 1, A = [1] and Y = X W<sub>v</sub>.
 *
 * <p>The forward pass runs {@link AttentionKernel} item by item (every sum in ascending order, as
 * {@link Tensor#matmul} sums). Speed paths ({@link FastLayer}, internal), from the unperturbed
 * {@link AttentionSequence} of each item of the input last patched or probed (kept by the layer, read only): a
 * changed input entry of item n, token t, reaches item n's output only, and there rows t of Q, K, V and row and
 * column t of the scores, so {@link #forwardPatch} recomputes just those, then the softmax rows and Y of item n
 * ({@link AttentionPatch}, arrays private to the calling thread); an entry of W<sub>q</sub> or W<sub>k</sub>
 * changes one column of Q or K, so the probe recomputes that column and the attention from the kept K, V (or Q,
 * V); an entry (p, j) of W<sub>v</sub> changes column j of V, hence column j of Y = A V only. Each equals a
 * forward pass bit for bit.
 */
public final class SelfAttention extends ParameterisedLayer implements FastLayer {
    /** Type name. */
    public static final String TYPE = "self_attention";
    /** Name of W<sub>q</sub> [dim, d<sub>k</sub>]. */
    public static final String QUERY = "wq";
    /** Name of W<sub>k</sub> [dim, d<sub>k</sub>]. */
    public static final String KEY = "wk";
    /** Name of W<sub>v</sub> [dim, d<sub>k</sub>]. */
    public static final String VALUE = "wv";

    private static final List<String> PARAMETERS = List.of(QUERY, KEY, VALUE);
    /** Each thread's working arrays for {@link #forwardPatch}. */
    private static final ThreadLocal<AttentionPatch> PATCH = new ThreadLocal<>();

    private final Tensor wq;
    private final Tensor wk;
    private final Tensor wv;
    private final double scale;
    /** The unperturbed items of the last input patched or probed (see {@link #unperturbed}); read only, so threads may share it. */
    private volatile Unperturbed unperturbed;

    /** Self-attention with projections W<sub>q</sub>, W<sub>k</sub>, W<sub>v</sub>, each [dim, d<sub>k</sub>]. */
    public SelfAttention(Tensor wq, Tensor wk, Tensor wv) {
        super(TYPE, PARAMETERS);
        Shapes.requireRank(TYPE, "wq", wq, 2, "[dim, dk]");
        if (wq.dim(1) == 0) {
            throw new IllegalArgumentException(TYPE + " needs dk >= 1, got wq of shape " + Arrays.toString(wq.shape()));
        }
        Shapes.requireShape(TYPE, "wk", wk, wq.shape());
        Shapes.requireShape(TYPE, "wv", wv, wq.shape());
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.scale = 1.0 / Math.sqrt(wq.dim(1));
    }

    @Override
    Tensor[] parameterValues() {
        return new Tensor[] {wq, wk, wv};
    }

    @Override
    public Tensor forward(Tensor x) {
        requireInput(x);
        int batch = x.dim(0);
        int seq = x.dim(1);
        int dim = x.dim(2);
        int dk = wq.dim(1);
        AttentionSequence.Weights weights = weights();
        AttentionSequence sequence = new AttentionSequence(seq, dk);
        double[] xs = x.toArray();
        double[] y = new double[batch * seq * dk];
        for (int n = 0; n < batch; n++) {
            sequence.run(xs, n * seq * dim, weights).output(y, n * seq * dk);
        }
        return Tensor.wrap(y, batch, seq, dk);
    }

    /** forward(x2) by {@link #forwardPatch}: the items whose input changed are recomputed. */
    @Override
    public Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return PatchedForward.of(this, x, y, x2);
    }

    /**
     * Recomputes, into {@code out}, each item n in which x2 differs from x from the unperturbed item kept for x
     * ({@link AttentionPatch#tokens}: the changed tokens' rows of Q, K, V, their rows and columns of the scores),
     * and lists y[n, :, :] as written; allocates nothing once x is kept and the calling thread has its arrays.
     */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        int dk = wq.dim(1);
        if (x.rank() != 3 || x.dim(2) != wq.dim(0) || x2.length != x.size() || y.size() != x.dim(0) * x.dim(1) * dk) {
            return -1;
        }
        int seq = x.dim(1);
        int dim = x.dim(2);
        int perItem = seq * dim;
        int block = seq * dk;
        Unperturbed base = unperturbed(x);
        AttentionPatch patch = patch(seq, dk);
        int n = 0;
        int k = 0;
        while (k < count) {
            int item = changed[k] / perItem;
            boolean differs = false;
            for (; k < count && changed[k] / perItem == item; k++) {
                if (Double.doubleToLongBits(x2[changed[k]]) != Double.doubleToLongBits(base.x()[changed[k]])) {
                    patch.changed[changed[k] % perItem / dim] = true;
                    differs = true;
                }
            }
            if (differs) {
                patch.tokens(base.items()[item], x2, item * perItem, base.weights(), out, item * block);
                for (int e = item * block; e < (item + 1) * block; e++) {
                    written[n++] = e;
                }
            }
        }
        return n;
    }

    /** The calling thread's {@link AttentionPatch}, replaced when a patch needs other sizes; never shared between threads. */
    private static AttentionPatch patch(int seq, int dk) {
        AttentionPatch patch = PATCH.get();
        if (patch == null || !patch.fits(seq, dk)) {
            patch = new AttentionPatch(seq, dk);
            PATCH.set(patch);
        }
        return patch;
    }

    /** The unperturbed items of x: those kept when x was the last input patched or probed, else computed and kept. */
    private Unperturbed unperturbed(Tensor x) {
        Unperturbed kept = unperturbed;
        if (kept == null || kept.input() != x) {
            int seq = x.dim(1);
            int perItem = seq * x.dim(2);
            AttentionSequence.Weights weights = weights();
            double[] xs = x.toArray();
            AttentionSequence[] items = new AttentionSequence[x.dim(0)];
            for (int n = 0; n < items.length; n++) {
                items[n] = new AttentionSequence(seq, wq.dim(1)).run(xs, n * perItem, weights);
            }
            kept = new Unperturbed(x, xs, weights, items);
            unperturbed = kept;
        }
        return kept;
    }

    /**
     * One entry (p, j) of a projection: for W<sub>q</sub> (W<sub>k</sub>) column j of Q (K) is projected again and
     * the scores, softmax and Y of every item recomputed from the kept K, V (Q, V); for W<sub>v</sub> column j of V
     * and of Y = A V, from the kept A ({@link AttentionPatch}). The probe owns its arrays and a copy of the
     * perturbed projection, and allocates nothing per call.
     */
    @Override
    public ParameterProbe probe(String param, Tensor x) {
        return probe(param, x, forward(x));
    }

    /** {@link #probe(String, Tensor)} with y = forward(x) given. */
    @Override
    public ParameterProbe probe(String param, Tensor x, Tensor y) {
        int which = PARAMETERS.indexOf(param);
        if (which < 0) {
            throw new IllegalArgumentException(TYPE + " has no parameter " + param);
        }
        requireInput(x);
        int seq = x.dim(1);
        int dk = wq.dim(1);
        int perItem = seq * x.dim(2);
        int block = seq * dk;
        Unperturbed base = unperturbed(x);
        AttentionSequence.Weights kept = base.weights();
        AttentionSequence.Weights own = new AttentionSequence.Weights(which == 0 ? copy(kept.wq()) : kept.wq(),
                which == 1 ? copy(kept.wk()) : kept.wk(), which == 2 ? copy(kept.wv()) : kept.wv(), kept.scale());
        double[][] w = which == 0 ? own.wq() : which == 1 ? own.wk() : own.wv();
        AttentionPatch patch = new AttentionPatch(seq, dk);
        return InPlaceProbe.of(y, (flatIndex, newValue, out, written) -> {
            Objects.checkIndex(flatIndex, w.length * dk);
            int p = flatIndex / dk;
            int j = flatIndex % dk;
            double original = w[p][j];
            w[p][j] = newValue;
            try {
                int count = 0;
                for (int n = 0; n < base.items().length; n++) {
                    AttentionSequence item = base.items()[n];
                    if (which == 0) {
                        patch.queries(item, base.x(), n * perItem, own, j, out, n * block);
                    } else if (which == 1) {
                        patch.keys(item, base.x(), n * perItem, own, j, out, n * block);
                    } else {
                        patch.values(item, base.x(), n * perItem, own, j, out, n * block);
                    }
                    int step = which < 2 ? 1 : dk;
                    for (int e = n * block + (which < 2 ? 0 : j); e < (n + 1) * block; e += step) {
                        written[count++] = e;
                    }
                }
                return count;
            } finally {
                w[p][j] = original;
            }
        });
    }

    /** The layer's projections as row arrays ({@link AttentionKernel#rows}). */
    private AttentionSequence.Weights weights() {
        return new AttentionSequence.Weights(AttentionKernel.rows(wq), AttentionKernel.rows(wk), AttentionKernel.rows(wv), scale);
    }

    private static double[][] copy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            copy[r] = rows[r].clone();
        }
        return copy;
    }

    /** The input last patched or probed, its values, the layer's projections as rows, and every item's {@link AttentionSequence}; read only. */
    private record Unperturbed(Tensor input, double[] x, AttentionSequence.Weights weights, AttentionSequence[] items) {
    }

    /**
     * Along a direction U of W<sub>v</sub>: V(t) = X (W<sub>v</sub> + tU) = V + t X U while A does not depend on
     * W<sub>v</sub>, so Y(t) = Y + t A X U, one product per item up front and O(size) per step. Along U of
     * W<sub>q</sub> (W<sub>k</sub>): Q(t) = Q + t X U (K(t) likewise), K and V (Q and V) computed once per item, so
     * each step recomputes the scores, the softmax and A V only. Equal to a forward pass up to rounding, as
     * affine's direction probe.
     */
    @Override
    public DirectionProbe probeDirection(String param, Tensor x, Tensor direction) {
        return probeDirection(param, x, forward(x), direction);
    }

    /** {@link #probeDirection(String, Tensor, Tensor)} with y = forward(x) given. */
    @Override
    public DirectionProbe probeDirection(String param, Tensor x, Tensor y, Tensor direction) {
        requireInput(x);
        if (!PARAMETERS.contains(param)) {
            throw new IllegalArgumentException(TYPE + " has no parameter " + param);
        }
        if (!wv.sameShape(direction)) {
            throw new IllegalArgumentException("direction must have the shape of parameter " + param);
        }
        int batch = x.dim(0);
        Tensor[][] qkv = new Tensor[batch][];
        Tensor[] moved = new Tensor[batch];
        for (int n = 0; n < batch; n++) {
            Tensor item = Sequences.item(x, n);
            qkv[n] = projections(item);
            moved[n] = item.matmul(direction);
        }
        if (param.equals(VALUE)) {
            double[] change = new double[y.size()];
            for (int n = 0; n < batch; n++) {
                Sequences.putItem(change, n, attention(qkv[n][0], qkv[n][1]).matmul(moved[n]));
            }
            Tensor along = Tensor.wrap(change, y.shape());
            return t -> y.plusScaled(t, along);
        }
        boolean query = param.equals(QUERY);
        return t -> {
            double[] out = new double[y.size()];
            for (int n = 0; n < batch; n++) {
                Tensor[] p = qkv[n];
                Tensor qt = query ? p[0].plusScaled(t, moved[n]) : p[0];
                Tensor kt = query ? p[1] : p[1].plusScaled(t, moved[n]);
                Sequences.putItem(out, n, attention(qt, kt).matmul(p[2]));
            }
            return Tensor.wrap(out, y.shape());
        };
    }

    /** {Q, K, V} = {X W<sub>q</sub>, X W<sub>k</sub>, X W<sub>v</sub>} of one item X [seq, dim]. */
    private Tensor[] projections(Tensor item) {
        return new Tensor[] {item.matmul(wq), item.matmul(wk), item.matmul(wv)};
    }

    /**
     * Along a direction U of the input: Q(t) = (X + tU) W<sub>q</sub> = Q + t U W<sub>q</sub>, and K(t), V(t)
     * likewise, the six products made once per item, so each step recomputes the scores, the softmax and A V only
     * (equal to a forward pass at x + t u up to rounding, as affine's).
     */
    @Override
    public DirectionProbe probeInputDirection(Tensor x, Tensor direction) {
        requireInput(x);
        if (!x.sameShape(direction)) {
            throw new IllegalArgumentException("direction must have the shape of the input " + Arrays.toString(x.shape()));
        }
        int batch = x.dim(0);
        Tensor[][] base = new Tensor[batch][];
        Tensor[][] moved = new Tensor[batch][];
        for (int n = 0; n < batch; n++) {
            Tensor item = Sequences.item(x, n);
            Tensor along = Sequences.item(direction, n);
            base[n] = projections(item);
            moved[n] = projections(along);
        }
        int[] shape = {batch, x.dim(1), wq.dim(1)};
        return t -> {
            double[] out = new double[batch * shape[1] * shape[2]];
            for (int n = 0; n < batch; n++) {
                Tensor[] b = base[n];
                Tensor[] m = moved[n];
                Sequences.putItem(out, n, attention(b[0].plusScaled(t, m[0]), b[1].plusScaled(t, m[1])).matmul(b[2].plusScaled(t, m[2])));
            }
            return Tensor.wrap(out, shape);
        };
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        requireInput(x);
        double[] dx = new double[x.size()];
        Tensor dWq = Tensor.zeros(wq.shape());
        Tensor dWk = Tensor.zeros(wk.shape());
        Tensor dWv = Tensor.zeros(wv.shape());
        for (int n = 0; n < x.dim(0); n++) {
            Tensor item = Sequences.item(x, n);
            Tensor[] qkv = projections(item);
            Tensor q = qkv[0];
            Tensor k = qkv[1];
            Tensor v = qkv[2];
            Tensor a = attention(q, k);
            Tensor dY = Sequences.item(dy, n);
            Tensor dV = a.transposeMatmul(dY);
            Tensor dS = softmaxBackward(a, dY.matmulTranspose(v)).scale(scale);
            Tensor dQ = dS.matmul(k);
            Tensor dK = dS.transposeMatmul(q);
            dWq = dWq.plus(item.transposeMatmul(dQ));
            dWk = dWk.plus(item.transposeMatmul(dK));
            dWv = dWv.plus(item.transposeMatmul(dV));
            Sequences.putItem(dx, n, dQ.matmulTranspose(wq).plus(dK.matmulTranspose(wk)).plus(dV.matmulTranspose(wv)));
        }
        return gradients(Tensor.wrap(dx, x.shape()), dWq, dWk, dWv);
    }

    @Override
    Layer withValues(Tensor[] p) {
        return new SelfAttention(p[0], p[1], p[2]);
    }

    /** A = softmax<sub>row</sub>(Q K<sup>T</sup> / &radic;d<sub>k</sub>), each row shifted by its max for stability. */
    private Tensor attention(Tensor q, Tensor k) {
        Tensor scores = q.matmulTranspose(k).scale(scale);
        int rows = scores.dim(0);
        int cols = scores.dim(1);
        double[] a = scores.toArray();
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, a[r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                a[r * cols + c] = Math.exp(a[r * cols + c] - max);
                sum += a[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                a[r * cols + c] /= sum;
            }
        }
        return Tensor.wrap(a, rows, cols);
    }

    /** dS = A &odot; (dA - rowsum(dA &odot; A)): the row-softmax Jacobian applied to dA. */
    private static Tensor softmaxBackward(Tensor a, Tensor dA) {
        int rows = a.dim(0);
        int cols = a.dim(1);
        double[] dS = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int c = 0; c < cols; c++) {
                dot += a.get(r * cols + c) * dA.get(r * cols + c);
            }
            for (int c = 0; c < cols; c++) {
                dS[r * cols + c] = a.get(r * cols + c) * (dA.get(r * cols + c) - dot);
            }
        }
        return Tensor.wrap(dS, rows, cols);
    }

    private void requireInput(Tensor x) {
        Shapes.requireSequence(TYPE, x, "[batch, seq, dim]", wq.dim(0), "dim " + wq.dim(0));
    }
}
