package io.gradcheck4j.engine.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.fast.LossPatch;
import io.gradcheck4j.engine.fast.PatchableLoss;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every patchable loss against its own full value, bit for bit: the patch at y, given y2 = y with a few entries
 * changed, is value(y2, t); the same patch serves several changes in turn (it keeps only y's terms).
 */
@GradientProperties
class LossPatchProperties {

    /** A loss, an output y [rows, columns], its target, and a few changed entries with their new values. */
    record Case(PatchableLoss loss, Tensor y, Tensor target, int[] changed, double[] values) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 5))
                .flatAs((kind, rows, columns) -> {
                    boolean probabilities = kind == 5;
                    Arbitrary<Tensor> y = probabilities ? Tensors.of(rows, columns).between(0.05, 0.95) : Tensors.of(rows, columns);
                    Arbitrary<Double> value = probabilities ? Arbitraries.doubles().between(0.05, 0.95) : Arbitraries.doubles().between(-3, 3);
                    Arbitrary<Tensor> target = kind == 0
                            ? Arbitraries.integers().between(0, columns - 1).list().ofSize(rows)
                                    .map(labels -> Tensor.wrap(labels.stream().mapToDouble(Integer::doubleValue).toArray(), rows))
                            : kind >= 5 ? Tensors.of(rows, columns).between(0, 1) : Tensors.of(rows, columns);
                    PatchableLoss loss = switch (kind) {
                        case 0, 1 -> new SoftmaxCrossEntropy();
                        case 2 -> new HalfSquaredError();
                        case 3 -> new MeanSquaredError();
                        case 4 -> new L1Loss();
                        case 5 -> new BinaryCrossEntropy();
                        case 6 -> new BinaryCrossEntropyWithLogits();
                        default -> new Huber(0.5);
                    };
                    return Combinators.combine(y, target, Arbitraries.integers().between(0, rows * columns - 1).set().ofMinSize(1).ofMaxSize(4),
                                    value.list().ofSize(4))
                            .as((output, t, where, v) -> new Case(loss, output, t, new TreeSet<>(where).stream().mapToInt(Integer::intValue).toArray(),
                                    v.stream().mapToDouble(Double::doubleValue).toArray()));
                });
    }

    @Property(seed = "20261208", tries = 300)
    void patchedValueIsTheFullValueOfTheChangedOutput(@ForAll("cases") Case c) {
        // GIVEN the patch of a loss at y
        LossPatch patch = c.loss().at(c.y(), c.target());
        for (int prefix = c.changed().length; prefix >= 1; prefix--) {
            // WHEN the first entries of the change list are changed in a copy of y and the patch asked for the value
            double[] y2 = c.y().toArray();
            for (int k = 0; k < prefix; k++) {
                y2[c.changed()[k]] = c.values()[k];
            }
            double patched = patch.value(Tensor.wrap(y2, c.y().shape()), c.changed(), prefix);
            // THEN it is the loss's full value of y2, bit for bit
            assertEquals(c.loss().value(Tensor.wrap(y2, c.y().shape()), c.target()), patched, c.loss().type() + " after " + prefix + " changes");
        }
    }
}
