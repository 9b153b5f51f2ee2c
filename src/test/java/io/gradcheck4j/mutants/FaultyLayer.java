package io.gradcheck4j.mutants;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;

/**
 * A correct layer with a wrong backward rule: forward, parameters, branch pattern and type name are the
 * correct layer's, the backward pass is the {@link WrongBackward} of a {@link Mutant}.
 */
public final class FaultyLayer implements Pure {
    private final Layer correct;
    private final WrongBackward backward;

    /** {@code correct} with its backward replaced by {@code backward}. */
    public FaultyLayer(Layer correct, WrongBackward backward) {
        this.correct = correct;
        this.backward = backward;
    }

    /** The layer whose backward rule was replaced. */
    public Layer correct() {
        return correct;
    }

    @Override
    public String type() {
        return correct.type();
    }

    @Override
    public Map<String, Tensor> parameters() {
        return correct.parameters();
    }

    @Override
    public Tensor forward(Tensor x) {
        return correct.forward(x);
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        return backward.apply(correct, x, y, dy);
    }

    @Override
    public int[] branchPattern(Tensor x) {
        return correct.branchPattern(x);
    }

    @Override
    public Layer withParameters(Map<String, Tensor> replacements) {
        return new FaultyLayer(correct.withParameters(replacements), backward);
    }

    /** A wrong backward rule, given the correct layer (for its parameters and forward pass). */
    @FunctionalInterface
    public interface WrongBackward {
        /** The faulty &part;L/&part;x and &part;L/&part;&theta;. */
        LayerGradients apply(Layer correct, Tensor x, Tensor y, Tensor dy);
    }
}
