package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;

/**
 * A vanilla (Elman) RNN unrolled over time, row-vector convention: input x [batch, time, features],
 * parameters W<sub>x</sub> [features, hidden], W<sub>h</sub> [hidden, hidden], b [hidden], h<sub>-1</sub> = 0,
 *
 * <pre>
 *   h_t = tanh(x_t W_x + h_(t-1) W_h + b),   t = 0 .. T-1
 * </pre>
 *
 * and the output is every hidden state, y [batch, time, hidden] with y[:, t, :] = h<sub>t</sub>.
 *
 * <p>Backward is backprop through time ("backprop in RNNs", cited by the why-backprop post): walking t = T-1 down to 0 with
 * g<sub>T</sub> = 0, the gradient reaching h<sub>t</sub> is dh<sub>t</sub> = dy<sub>t</sub> + g<sub>t+1</sub>;
 * then da<sub>t</sub> = dh<sub>t</sub> &odot; (1 - h<sub>t</sub><sup>2</sup>),
 * dW<sub>x</sub> += x<sub>t</sub><sup>T</sup> da<sub>t</sub>, dW<sub>h</sub> += h<sub>t-1</sub><sup>T</sup> da<sub>t</sub>,
 * db += &Sigma;<sub>batch</sub> da<sub>t</sub>, dx<sub>t</sub> = da<sub>t</sub> W<sub>x</sub><sup>T</sup> and
 * g<sub>t</sub> = da<sub>t</sub> W<sub>h</sub><sup>T</sup>. The repeated factor W<sub>h</sub><sup>T</sup> diag(1 - h<sup>2</sup>)
 * is why these gradients vanish or explode over long sequences (Karpathy).
 *
 * <p>The forward pass and its incremental paths are those of {@link Recurrence} (G = hidden).
 */
public final class SimpleRnn extends Recurrence {
    /** Type name. */
    public static final String TYPE = "rnn";
    /** Name of W<sub>x</sub> [features, hidden]. */
    public static final String INPUT_WEIGHT = "wx";
    /** Name of W<sub>h</sub> [hidden, hidden]. */
    public static final String HIDDEN_WEIGHT = "wh";
    /** Name of b [hidden]. */
    public static final String BIAS = "b";

    private static final List<String> PARAMETERS = List.of(INPUT_WEIGHT, HIDDEN_WEIGHT, BIAS);

    /** An RNN with W<sub>x</sub> [features, hidden], W<sub>h</sub> [hidden, hidden] and b [hidden]. */
    public SimpleRnn(Tensor wx, Tensor wh, Tensor b) {
        super(TYPE, PARAMETERS, wx, wh, b, checkedHidden(wx, wh, b));
    }

    private static int checkedHidden(Tensor wx, Tensor wh, Tensor b) {
        Shapes.requireRank(TYPE, "wx", wx, 2, "[features, hidden]");
        int hidden = wx.dim(1);
        Shapes.requireShape(TYPE, "wh", wh, hidden, hidden);
        Shapes.requireShape(TYPE, "b", b, hidden);
        return hidden;
    }

    @Override
    int carriedWidth() {
        return 0;
    }

    /** Unit k: h<sub>t</sub> = tanh(a<sub>t</sub>); the gates are h<sub>t</sub> itself and are not kept. */
    @Override
    void cell(int k, double[] a, double[] c, double[] h, int hAt, double[] gates, int gatesAt) {
        h[hAt + k] = StrictTanh.tanh(a[k]);
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        requireInput(x);
        int batch = x.dim(0);
        int time = x.dim(1);
        RecurrenceGradients sums = new RecurrenceGradients(x, wx, wh, b);
        Tensor carried = Tensor.zeros(batch, hidden);
        for (int t = time - 1; t >= 0; t--) {
            Tensor h = Sequences.timeStep(y, t);
            Tensor previous = t == 0 ? Tensor.zeros(batch, hidden) : Sequences.timeStep(y, t - 1);
            Tensor da = Sequences.timeStep(dy, t).plus(carried).zip(h, (g, v) -> g * (1 - v * v));
            carried = sums.addStep(t, previous, da);
        }
        return gradients(sums.input(), sums.parameters());
    }

    @Override
    Layer withValues(Tensor[] p) {
        return new SimpleRnn(p[0], p[1], p[2]);
    }
}
