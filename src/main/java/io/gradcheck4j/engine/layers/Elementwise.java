package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * A parameter-free activation applied element by element, y<sub>i</sub> = g(x<sub>i</sub>), on inputs of
 * any shape. Backward: dx<sub>i</sub> = g'(x<sub>i</sub>) &middot; dy<sub>i</sub>, where g' may use the
 * already computed y<sub>i</sub> (e.g. sigmoid' = y (1 - y)).
 */
public abstract class Elementwise implements FastLayer {

    /** g(x). */
    protected abstract double value(double x);

    /** g'(x), given y = g(x). */
    protected abstract double derivative(double x, double y);

    /** The branch x falls in for piecewise activations (see {@link Layer#branchPattern}); 0 for smooth ones. */
    protected int branch(double x) {
        return 0;
    }

    /** Whether {@link #branch} distinguishes pieces; smooth activations keep the default false. */
    protected boolean piecewise() {
        return false;
    }

    /** True for smooth activations: their {@link #branchPattern} is empty at every input. */
    @Override
    public final boolean neverBranches() {
        return !piecewise();
    }

    @Override
    public final int[] branchPattern(Tensor x) {
        if (!piecewise()) {
            return new int[0];
        }
        int[] pattern = new int[x.size()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = branch(x.get(i));
        }
        return pattern;
    }

    @Override
    public final Tensor forward(Tensor x) {
        return x.map(this::value);
    }

    /** Copies y and recomputes g only where x2 differs from x (so the result is exactly forward(x2)), by {@link #forwardPatch}. */
    @Override
    public final Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return PatchedForward.of(this, x, y, x2);
    }

    /** Recomputes g only at the changed entries where x2 differs from x. */
    @Override
    public final int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        if (!x.sameShape(y) || x2.length != x.size()) {
            return -1;
        }
        int n = 0;
        for (int k = 0; k < count; k++) {
            int i = changed[k];
            if (Double.doubleToLongBits(x2[i]) != Double.doubleToLongBits(x.get(i))) {
                out[i] = value(x2[i]);
                written[n++] = i;
            }
        }
        return n;
    }

    /**
     * Along a direction u of the input: g(x + t u) differs from y = g(x) only where u<sub>i</sub> &ne; 0, so each
     * evaluation copies y and recomputes g(x<sub>i</sub> + u<sub>i</sub> t) there (and where x<sub>i</sub> is 0 or not
     * finite, where x<sub>i</sub> + 0 t need not be x<sub>i</sub> bit for bit): the same bits as
     * forward(x + t u), in O(n) copying plus O(|support|) evaluations of g; a segment of a probe's direction reaches
     * only its own entries.
     */
    @Override
    public final DirectionProbe probeInputDirection(Tensor x, Tensor direction) {
        return probeInputDirection(x, forward(x), direction);
    }

    /** {@link #probeInputDirection(Tensor, Tensor)} with y = forward(x) given. */
    @Override
    public final DirectionProbe probeInputDirection(Tensor x, Tensor y, Tensor direction) {
        if (!x.sameShape(direction) || !x.sameShape(y)) {
            throw new IllegalArgumentException("direction must have the shape of the input " + Arrays.toString(x.shape())
                    + ", got " + Arrays.toString(direction.shape()));
        }
        int[] support = new int[x.size()];
        int n = 0;
        for (int i = 0; i < support.length; i++) {
            double xi = x.get(i);
            if (direction.get(i) != 0 || xi == 0 || !Double.isFinite(xi)) {
                support[n++] = i;
            }
        }
        int[] reached = Arrays.copyOf(support, n);
        return t -> {
            double[] out = y.toArray();
            for (int i : reached) {
                out[i] = value(x.get(i) + direction.get(i) * t);
            }
            return Tensor.wrap(out, x.shape());
        };
    }

    @Override
    public final LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        double[] dx = new double[x.size()];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = derivative(x.get(i), y.get(i)) * dy.get(i);
        }
        return LayerGradients.ofInput(Tensor.wrap(dx, x.shape()));
    }
}
