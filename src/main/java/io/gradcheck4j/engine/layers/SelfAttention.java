package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;

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
 */
public final class SelfAttention extends ParameterisedLayer {
    /** Type name. */
    public static final String TYPE = "self_attention";
    /** Name of W<sub>q</sub> [dim, d<sub>k</sub>]. */
    public static final String QUERY = "wq";
    /** Name of W<sub>k</sub> [dim, d<sub>k</sub>]. */
    public static final String KEY = "wk";
    /** Name of W<sub>v</sub> [dim, d<sub>k</sub>]. */
    public static final String VALUE = "wv";

    private static final List<String> PARAMETERS = List.of(QUERY, KEY, VALUE);

    private final Tensor wq;
    private final Tensor wk;
    private final Tensor wv;
    private final double scale;

    /** Self-attention with projections W<sub>q</sub>, W<sub>k</sub>, W<sub>v</sub>, each [dim, d<sub>k</sub>]. */
    public SelfAttention(Tensor wq, Tensor wk, Tensor wv) {
        super(TYPE, PARAMETERS);
        Shapes.requireRank(TYPE, "wq", wq, 2, "[dim, dk]");
        if (wq.dim(1) == 0) {
            throw new IllegalArgumentException(TYPE + " needs dk >= 1, got wq of shape " + java.util.Arrays.toString(wq.shape()));
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
        int dk = wq.dim(1);
        double[] y = new double[batch * seq * dk];
        for (int n = 0; n < batch; n++) {
            Tensor item = Sequences.item(x, n);
            Tensor attention = attention(item.matmul(wq), item.matmul(wk));
            Sequences.putItem(y, n, attention.matmul(item.matmul(wv)));
        }
        return Tensor.wrap(y, batch, seq, dk);
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
            Tensor q = item.matmul(wq);
            Tensor k = item.matmul(wk);
            Tensor v = item.matmul(wv);
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
