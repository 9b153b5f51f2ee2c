package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;

/**
 * J(y) = L(y, t): the {@link Objective} that {@link Objective#loss} builds, naming its loss and target so a
 * check can reach the loss's own speed paths. Thread-safe when the loss is one of gradcheck4j's own.
 */
public final class LossObjective implements Objective {
    private final Loss loss;
    private final Tensor target;

    LossObjective(Loss loss, Tensor target) {
        this.loss = loss;
        this.target = target;
    }

    /** The loss L. */
    public Loss loss() {
        return loss;
    }

    /** The target t. */
    public Tensor target() {
        return target;
    }

    @Override
    public double value(Tensor y) {
        return loss.value(y, target);
    }

    @Override
    public Tensor gradient(Tensor y) {
        return loss.gradient(y, target);
    }

    @Override
    public String describe() {
        return loss.type();
    }

    @Override
    public int[] branchPattern(Tensor y) {
        return loss.branchPattern(y, target);
    }

    @Override
    public boolean threadSafe() {
        return loss.getClass().getName().startsWith("io.gradcheck4j.");
    }
}
