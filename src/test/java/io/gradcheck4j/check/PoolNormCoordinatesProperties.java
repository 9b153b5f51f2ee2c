package io.gradcheck4j.check;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.layers.BatchNorm;
import io.gradcheck4j.engine.layers.Flatten;
import io.gradcheck4j.engine.layers.LayerNorm;
import io.gradcheck4j.engine.layers.MaxPool2D;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.MeanSquaredError;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
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
 * A full check's evaluation along one coordinate of a pool and norm network (max-pool -> flatten -> batch_norm
 * -> tanh -> layer_norm, scored by softmax cross-entropy on labels, half squared error or mean squared
 * error), through the pool and norm patch paths and probes and the loss patch, gives bit for bit the loss of the
 * network rebuilt with that entry changed and run by a full forward pass: every stage has an exact incremental
 * path, so no rounding is allowed (an affine layer, whose patch adds the change, is left out for that reason).
 * Inputs of few distinct values make max-pool windows tie.
 */
@GradientProperties
class PoolNormCoordinatesProperties {

    /** The network's layers, its input, its loss and target. */
    record Case(List<Layer> layers, Tensor x, Loss loss, Tensor target) {
    }

    @Provide
    Arbitrary<Case> networks() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 2), Arbitraries.integers().between(2, 5),
                Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 2),
                Arbitraries.of(false, true)).flatAs((batch, channels, side, kernel, kind, ties) -> {
                    int k = Math.min(kernel, side);
                    int pooled = (side - k) / k + 1;
                    int features = channels * pooled * pooled;
                    int width = features;
                    Arbitrary<Tensor> x = ties ? Tensors.of(batch, channels, side, side).between(-1, 1).decimals(0) : values(batch, channels, side, side);
                    Arbitrary<Tensor> target = kind == 0
                            ? Arbitraries.integers().between(0, width - 1).list().ofSize(batch)
                                    .map(labels -> Tensor.wrap(labels.stream().mapToDouble(Integer::doubleValue).toArray(), batch))
                            : values(batch, width);
                    Loss loss = kind == 0 ? new SoftmaxCrossEntropy() : kind == 1 ? new HalfSquaredError() : new MeanSquaredError();
                    return Combinators.combine(List.of(values(features).map(g -> g.map(v -> 1 + v / 2)), values(features),
                                    values(width).map(g -> g.map(v -> 1 + v / 2)), values(width), x, target))
                            .as(t -> new Case(List.of(new MaxPool2D(k, k), new Flatten(), new BatchNorm(t.get(0), t.get(1), BatchNorm.DEFAULT_EPSILON),
                                    new Tanh(), new LayerNorm(t.get(2), t.get(3), LayerNorm.DEFAULT_EPSILON)),
                                    t.get(4), loss, t.get(5)));
                });
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> entryChanges() {
        return RebuiltNetworks.entryChanges();
    }

    @Property(seed = "20261210", tries = 80)
    void coordinateEvaluationIsTheLossOfTheRebuiltNetwork(@ForAll("networks") Case c,
                                                          @ForAll("entryChanges") List<Tuple2<Integer, Double>> changes) {
        RebuiltNetworks.assertCoordinatesAreRebuiltLosses(c.layers(), c.x(), c.loss(), c.target(), changes, Set.of());
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-1, 1).decimals(9);
    }
}
