package io.gradcheck4j.engine.fast;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.tensor.Tensor;

/**
 * Internal: a gradcheck4j loss whose value L(y2, t) after a change of a few entries of its input y can be
 * recomputed from per-entry (or per-row) terms of y kept once, never required of a user's {@link Loss}. A
 * full check uses it on the network output after each perturbation (see {@link LossPatch#of}).
 */
public interface PatchableLoss extends Loss {

    /** The patch of L(&middot;, target) at the unperturbed output y: holds y's terms, private to one thread. */
    LossPatch at(Tensor y, Tensor target);
}
