package io.gradcheck4j.check;

/**
 * A checked function bound to a scratch tensor (see {@link Differentiable#probe}): each call evaluates f
 * at the scratch tensor's current values, with branch patterns when the function knows them.
 */
@FunctionalInterface
public interface Probe {

    /** f (and its branch patterns) at the current values. */
    Evaluation evaluate();
}
