package io.gradcheck4j.mutants;

import io.gradcheck4j.arbitraries.MlpArbitrary;
import io.gradcheck4j.arbitraries.NetworkCase;
import java.util.function.UnaryOperator;

/**
 * A realistic wrong backward rule: how to plant it into a generated case, the correct twin of the planted
 * case (same forward pass, right gradients), and which cases can reveal it.
 *
 * @param name        short identifier, e.g. {@code affine-bias-gradient-forgotten}
 * @param description the bug in one sentence
 * @param cases       narrows the generator to cases that contain the faulty part (and, e.g., batch &ge; 2 when
 *                    the bug only shows with several rows)
 * @param plant       the case with the faulty layers or loss
 * @param reference   the case with the same forward pass and the correct backward rule
 */
public record Mutant(String name, String description, UnaryOperator<MlpArbitrary> cases,
                     UnaryOperator<NetworkCase> plant, UnaryOperator<NetworkCase> reference) {

    @Override
    public String toString() {
        return name;
    }
}
