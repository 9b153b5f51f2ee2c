package io.gradcheck4j.mutants;

import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.tensor.Tensor;
import java.util.function.BinaryOperator;

/** A correct loss with a wrong gradient: value, branch pattern and target rules are the correct loss's. */
public final class FaultyLoss implements Loss {
    private final Loss correct;
    private final BinaryOperator<Tensor> gradient;

    /** {@code correct} with its gradient replaced by {@code gradient(y, target)}. */
    public FaultyLoss(Loss correct, BinaryOperator<Tensor> gradient) {
        this.correct = correct;
        this.gradient = gradient;
    }

    @Override
    public String type() {
        return correct.type();
    }

    @Override
    public double value(Tensor y, Tensor target) {
        return correct.value(y, target);
    }

    @Override
    public Tensor gradient(Tensor y, Tensor target) {
        return gradient.apply(y, target);
    }

    @Override
    public int[] branchPattern(Tensor y, Tensor target) {
        return correct.branchPattern(y, target);
    }

    @Override
    public void validateTarget(int[] outputShape, Tensor target) {
        correct.validateTarget(outputShape, target);
    }
}
