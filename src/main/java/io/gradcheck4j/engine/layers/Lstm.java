package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;

/**
 * A long short-term memory layer unrolled over time, row-vector convention: input x [batch, time, features],
 * parameters W<sub>x</sub> [features, 4H], W<sub>h</sub> [H, 4H], b [4H] whose column blocks of width H
 * belong, in order, to the gates i, f, g, o; h<sub>-1</sub> = c<sub>-1</sub> = 0:
 *
 * <pre>
 *   a_t = x_t W_x + h_(t-1) W_h + b = [a^i | a^f | a^g | a^o]
 *   i = &sigma;(a^i), f = &sigma;(a^f), g = tanh(a^g), o = &sigma;(a^o)
 *   c_t = f &odot; c_(t-1) + i &odot; g,   h_t = o &odot; tanh(c_t)
 * </pre>
 *
 * The output is every hidden state, y [batch, time, H] with y[:, t, :] = h<sub>t</sub>.
 *
 * <p>Backward (backprop through time, t = T-1 down to 0, with carried gradients dh', dc' starting at 0):
 * dh = dy<sub>t</sub> + dh', do = dh &odot; tanh(c<sub>t</sub>),
 * dc = dh &odot; o &odot; (1 - tanh<sup>2</sup>(c<sub>t</sub>)) + dc', di = dc &odot; g, dg = dc &odot; i,
 * df = dc &odot; c<sub>t-1</sub>; pre-activation gradients da<sup>i</sup> = di &odot; i(1 - i),
 * da<sup>f</sup> = df &odot; f(1 - f), da<sup>g</sup> = dg &odot; (1 - g<sup>2</sup>), da<sup>o</sup> = do &odot; o(1 - o);
 * then dW<sub>x</sub> += x<sub>t</sub><sup>T</sup> da, dW<sub>h</sub> += h<sub>t-1</sub><sup>T</sup> da,
 * db += &Sigma;<sub>batch</sub> da, dx<sub>t</sub> = da W<sub>x</sub><sup>T</sup>, and the carries become
 * dh' = da W<sub>h</sub><sup>T</sup>, dc' = dc &odot; f. The cell states are recomputed from x in backward.
 *
 * <p>The forward pass and its incremental paths are those of {@link Recurrence} (G = 4H): all four gates of a step
 * come from one product h<sub>t-1</sub> W<sub>h</sub> per batch row, x W<sub>x</sub> from one product for all steps.
 * A whole step ({@link #step}) activates its gates block by block (the sigmoids of i and f, the tanh of g, the
 * sigmoids of o), then updates c and h: per unit the very operations of {@link #cell}, so bit for bit the same,
 * but in short loops of independent calls to exp and tanh that the processor overlaps, where unit after unit
 * each of the five waited on the last.
 */
public final class Lstm extends Recurrence {
    /** Type name. */
    public static final String TYPE = "lstm";
    /** Name of W<sub>x</sub> [features, 4H]. */
    public static final String INPUT_WEIGHT = "wx";
    /** Name of W<sub>h</sub> [H, 4H]. */
    public static final String HIDDEN_WEIGHT = "wh";
    /** Name of b [4H]. */
    public static final String BIAS = "b";

    private static final List<String> PARAMETERS = List.of(INPUT_WEIGHT, HIDDEN_WEIGHT, BIAS);

    /** An LSTM with W<sub>x</sub> [features, 4H], W<sub>h</sub> [H, 4H] and b [4H], gate blocks i, f, g, o. */
    public Lstm(Tensor wx, Tensor wh, Tensor b) {
        super(TYPE, PARAMETERS, wx, wh, b, checkedHidden(wx, wh, b));
    }

    private static int checkedHidden(Tensor wx, Tensor wh, Tensor b) {
        Shapes.requireRank(TYPE, "wx", wx, 2, "[features, 4 * hidden]");
        if (wx.dim(1) % 4 != 0 || wx.dim(1) == 0) {
            throw new IllegalArgumentException(TYPE + " wx must have 4 * hidden columns (gates i, f, g, o), got " + wx.dim(1));
        }
        int hidden = wx.dim(1) / 4;
        Shapes.requireShape(TYPE, "wh", wh, hidden, 4 * hidden);
        Shapes.requireShape(TYPE, "b", b, 4 * hidden);
        return hidden;
    }

    @Override
    int carriedWidth() {
        return hidden;
    }

    /** Unit k: the gates i, f, g, o of a<sub>t</sub>, c = f &odot; c + i &odot; g in place, h<sub>t</sub> = o &odot; tanh(c). */
    @Override
    void cell(int k, double[] a, double[] c, double[] h, int hAt, double[] gates, int gatesAt) {
        double i = sigmoid(a[k]);
        double f = sigmoid(a[k + hidden]);
        double g = StrictTanh.tanh(a[k + 2 * hidden]);
        double o = sigmoid(a[k + 3 * hidden]);
        if (gates != null) {
            gates[gatesAt + k] = i;
            gates[gatesAt + k + hidden] = f;
            gates[gatesAt + k + 2 * hidden] = g;
            gates[gatesAt + k + 3 * hidden] = o;
        }
        c[k] = f * c[k] + i * g;
        h[hAt + k] = o * StrictTanh.tanh(c[k]);
    }

    /**
     * All units of a step, as {@link #cell} for each unit: i, f = &sigma;(a^i), &sigma;(a^f), g = tanh(a^g), o = &sigma;(a^o) in
     * place in {@code a}, block by block; then c = f &odot; c + i &odot; g and h<sub>t</sub> = o &odot; tanh(c).
     */
    @Override
    void step(double[] a, double[] c, double[] h, int hAt, double[] gates, int gatesAt) {
        int h2 = 2 * hidden;
        int h3 = 3 * hidden;
        int h4 = 4 * hidden;
        for (int j = 0; j < h2; j++) {
            a[j] = sigmoid(a[j]);
        }
        for (int j = h2; j < h3; j++) {
            a[j] = StrictTanh.tanh(a[j]);
        }
        for (int j = h3; j < h4; j++) {
            a[j] = sigmoid(a[j]);
        }
        if (gates != null) {
            System.arraycopy(a, 0, gates, gatesAt, h4);
        }
        for (int k = 0; k < hidden; k++) {
            c[k] = a[k + hidden] * c[k] + a[k] * a[k + h2];
        }
        for (int k = 0; k < hidden; k++) {
            h[hAt + k] = a[k + h3] * StrictTanh.tanh(c[k]);
        }
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        int batch = x.dim(0);
        int time = x.dim(1);
        int h4 = 4 * hidden;
        double[] gates = new double[batch * time * h4];
        double[] cells = new double[batch * time * hidden];
        Tensor hiddenStates = Tensor.wrap(unroll(x, cells, gates), batch, time, hidden);
        RecurrenceGradients sums = new RecurrenceGradients(x, wx, wh, b);
        Tensor carriedH = Tensor.zeros(batch, hidden);
        double[] carriedC = new double[batch * hidden];
        for (int t = time - 1; t >= 0; t--) {
            Tensor dyT = Sequences.timeStep(dy, t);
            double[] da = new double[batch * h4];
            double[] nextCarriedC = new double[batch * hidden];
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < hidden; k++) {
                    int e = n * hidden + k;
                    int state = (n * time + t) * hidden + k;
                    int gate = (n * time + t) * h4 + k;
                    double i = gates[gate];
                    double f = gates[gate + hidden];
                    double g = gates[gate + 2 * hidden];
                    double o = gates[gate + 3 * hidden];
                    double tanhC = StrictTanh.tanh(cells[state]);
                    double previousCell = t == 0 ? 0 : cells[state - hidden];
                    double dh = dyT.get(e) + carriedH.get(e);
                    double dc = dh * o * (1 - tanhC * tanhC) + carriedC[e];
                    int a = n * h4 + k;
                    da[a] = dc * g * i * (1 - i);
                    da[a + hidden] = dc * previousCell * f * (1 - f);
                    da[a + 2 * hidden] = dc * i * (1 - g * g);
                    da[a + 3 * hidden] = dh * tanhC * o * (1 - o);
                    nextCarriedC[e] = dc * f;
                }
            }
            Tensor daT = Tensor.wrap(da, batch, h4);
            Tensor previousH = t == 0 ? Tensor.zeros(batch, hidden) : Sequences.timeStep(hiddenStates, t - 1);
            carriedH = sums.addStep(t, previousH, daT);
            carriedC = nextCarriedC;
        }
        return gradients(sums.input(), sums.parameters());
    }

    @Override
    Layer withValues(Tensor[] p) {
        return new Lstm(p[0], p[1], p[2]);
    }

    private static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }
}
