package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;

/**
 * Backprop-through-time sums for a recurrence whose pre-activation is a<sub>t</sub> = x<sub>t</sub> W<sub>x</sub>
 * + h<sub>t-1</sub> W<sub>h</sub> + b, fed one time step at a time: dW<sub>x</sub> += x<sub>t</sub><sup>T</sup> da,
 * dW<sub>h</sub> += h<sub>t-1</sub><sup>T</sup> da, db += &Sigma;<sub>batch</sub> da and dx<sub>t</sub> =
 * da W<sub>x</sub><sup>T</sup>. Private scratch of one backward call.
 */
final class RecurrenceGradients {
    private final Tensor x;
    private final Tensor wx;
    private final Tensor wh;
    private final double[] dx;
    private Tensor dWx;
    private Tensor dWh;
    private Tensor db;

    RecurrenceGradients(Tensor x, Tensor wx, Tensor wh, Tensor b) {
        this.x = x;
        this.wx = wx;
        this.wh = wh;
        this.dx = new double[x.size()];
        this.dWx = Tensor.zeros(wx.shape());
        this.dWh = Tensor.zeros(wh.shape());
        this.db = Tensor.zeros(b.shape());
    }

    /**
     * Adds time step t with pre-activation gradient {@code da} [batch, width] and previous hidden state
     * {@code previousH}; returns the gradient carried to h<sub>t-1</sub>, da W<sub>h</sub><sup>T</sup>.
     */
    Tensor addStep(int t, Tensor previousH, Tensor da) {
        dWx = dWx.plus(Sequences.timeStep(x, t).transposeMatmul(da));
        dWh = dWh.plus(previousH.transposeMatmul(da));
        db = db.plus(da.sumRows());
        Sequences.putTimeStep(dx, x.dim(1), t, da.matmulTranspose(wx));
        return da.matmulTranspose(wh);
    }

    /** dx, shaped like x. */
    Tensor input() {
        return Tensor.wrap(dx, x.shape());
    }

    /** dW<sub>x</sub>, dW<sub>h</sub> and db, in that order. */
    Tensor[] parameters() {
        return new Tensor[] {dWx, dWh, db};
    }
}
