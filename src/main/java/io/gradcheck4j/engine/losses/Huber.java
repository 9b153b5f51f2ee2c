package io.gradcheck4j.engine.losses;

import io.gradcheck4j.tensor.Tensor;

/**
 * Huber loss with threshold &delta; &gt; 0, averaged over all N elements; with d = y - t:
 * &ell;(d) = &frac12; d&sup2; for |d| &le; &delta;, &delta; (|d| - &frac12; &delta;) for |d| &gt; &delta;;
 * L = (1/N) &Sigma; &ell;(d<sub>i</sub>), &part;L/&part;y<sub>i</sub> = clamp(d<sub>i</sub>, -&delta;, &delta;) / N.
 *
 * <p>&ell; is continuously differentiable (only its second derivative jumps at |d| = &delta;), so it has no
 * kink and reports no branch pattern. The registered instance "huber" uses PyTorch's default &delta; = 1.
 */
public final class Huber extends ElementwiseMeanLoss {
    /** Type name. */
    public static final String TYPE = "huber";
    /** PyTorch's default &delta;. */
    public static final double DEFAULT_DELTA = 1.0;

    private final double delta;

    /** Huber loss with &delta; = 1. */
    public Huber() {
        this(DEFAULT_DELTA);
    }

    /** Huber loss with the given finite &delta; &gt; 0. */
    public Huber(double delta) {
        super(TYPE, false);
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException(TYPE + " delta must be a finite number > 0, got " + delta);
        }
        this.delta = delta;
    }

    /** &delta;. */
    public double delta() {
        return delta;
    }

    @Override
    double term(Tensor y, int i, double t) {
        double d = Math.abs(y.get(i) - t);
        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }

    @Override
    double partial(Tensor y, int i, double t, int n) {
        return Math.max(-delta, Math.min(delta, y.get(i) - t)) / n;
    }
}
