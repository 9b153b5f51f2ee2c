package io.gradcheck4j.engine.fast;

import io.gradcheck4j.engine.LossObjective;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.tensor.Tensor;

/**
 * L(y2, t) for an output y2 that differs from the unperturbed y of {@link PatchableLoss#at} in a few entries:
 * the loss keeps y's terms and recomputes only those the changed entries reach (an element's term, or a row's
 * for softmax cross-entropy), then sums all terms in the order of the loss's own value, so the result is
 * {@code value(y2, t)} bit for bit. Private working state of one thread.
 */
@FunctionalInterface
public interface LossPatch {

    /**
     * value(y2, target), bit for bit, where y2 differs from y at most at the {@code count} flat indices
     * {@code changed[0..count)}, ascending.
     */
    double value(Tensor y2, int[] changed, int count);

    /**
     * The patch of {@code objective} at y when it is a loss of gradcheck4j's with such a path
     * ({@link Objective#loss} of a {@link PatchableLoss}); null for any other objective.
     */
    static LossPatch of(Objective objective, Tensor y) {
        if (objective instanceof LossObjective o && o.loss() instanceof PatchableLoss loss) {
            return loss.at(y, o.target());
        }
        return null;
    }
}
