package io.gradcheck4j.check;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.layers.Flatten;
import io.gradcheck4j.engine.layers.SelfAttention;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;

/**
 * A full check's evaluation along one coordinate of an attention network (self_attention -> flatten -> tanh,
 * half squared error), through the attention patch path and projection probes, gives bit for bit the loss of
 * the network rebuilt with that entry changed and run by a full forward pass: every layer of these networks has
 * an exact incremental path, so no rounding is allowed.
 */
@GradientProperties
class AttentionCoordinatesProperties {

    /** The network's layers, its input [batch 1-3, seq 1-4, dim 1-3] and its target. */
    record Case(List<Layer> layers, Tensor x, Tensor target) {
    }

    @Provide
    Arbitrary<Case> networks() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3)).flatAs((batch, seq, dim, dk) ->
                Combinators.combine(values(dim, dk), values(dim, dk), values(dim, dk), values(batch, seq, dim), values(batch, seq * dk))
                        .as((wq, wk, wv, x, target) -> new Case(List.of(new SelfAttention(wq, wk, wv), new Flatten(), new Tanh()), x, target)));
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> entryChanges() {
        return RebuiltNetworks.entryChanges();
    }

    @Property(seed = "20261214", tries = 80)
    void coordinateEvaluationIsTheLossOfTheRebuiltNetwork(@ForAll("networks") Case c,
                                                          @ForAll("entryChanges") List<Tuple2<Integer, Double>> changes) {
        RebuiltNetworks.assertCoordinatesAreRebuiltLosses(c.layers(), c.x(), new HalfSquaredError(), c.target(), changes, Set.of());
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-1, 1).decimals(9);
    }
}
