package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The scalar J(y) that a gradient check differentiates: either a loss against a target,
 * J(y) = L(y, t), or a fixed upstream gradient u, J(y) = &Sigma; y<sub>i</sub> u<sub>i</sub> (so &part;J/&part;y = u,
 * exactly the dy fed to a backward pass).
 */
public interface Objective {

    /** J(y). */
    double value(Tensor y);

    /** &part;J/&part;y. */
    Tensor gradient(Tensor y);

    /** A short description for reports. */
    String describe();

    /**
     * The branch pattern of a piecewise objective at y (see {@link Loss#branchPattern}); empty for smooth
     * objectives (the default).
     */
    default int[] branchPattern(Tensor y) {
        return new int[0];
    }

    /**
     * Whether {@link #value}, {@link #gradient} and {@link #branchPattern} may run on several threads at once:
     * true for an upstream gradient and for gradcheck4j's own losses, false by default (a user's loss may keep
     * state).
     */
    default boolean threadSafe() {
        return false;
    }

    /** J(y) = loss(y, target); thread-safe when {@code loss} is one of gradcheck4j's own. */
    static Objective loss(Loss loss, Tensor target) {
        return new LossObjective(loss, target);
    }

    /** J(y) = &Sigma; y &middot; upstream, whose gradient is {@code upstream}. */
    static Objective upstream(Tensor upstream) {
        return new Objective() {
            @Override
            public double value(Tensor y) {
                if (!y.sameShape(upstream)) {
                    throw new IllegalArgumentException("upstream gradient shape " + Arrays.toString(upstream.shape())
                            + " does not match output shape " + Arrays.toString(y.shape()));
                }
                return y.dot(upstream);
            }

            @Override
            public Tensor gradient(Tensor y) {
                return upstream;
            }

            @Override
            public String describe() {
                return "sum(y * upstream)";
            }

            @Override
            public boolean threadSafe() {
                return true;
            }
        };
    }
}
