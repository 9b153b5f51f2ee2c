package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.tensor.Tensor;
import io.gradcheck4j.properties.ReplayedRandom;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** The probe fast path is bit-for-bit the slow path: withParameters(one entry changed) then forward (a plain layer takes the slow path itself). */
@GradientProperties
class ParameterProbeProperties {

    @Property(seed = "20261123", tries = 200)
    void affineProbeEqualsRebuiltLayerExactly(@ForAll("affineProbes") AffineProbe sample) {
        // GIVEN a random affine layer, input and one entry of W or b with a new value
        Affine layer = new Affine(sample.weight(), sample.bias());
        Tensor x = sample.x();
        String param = sample.param();
        Tensor value = layer.parameters().get(param);
        int index = sample.index();
        double newValue = sample.newValue();

        // WHEN the probe computes the perturbed output
        Tensor fast = layer.probe(param, x).forwardWith(index, newValue);

        // THEN it equals the rebuilt layer's full forward pass to the last bit, and the layer is unchanged
        Tensor slow = layer.withParameters(Map.of(param, value.with(index, newValue))).forward(x);
        assertEquals(slow, fast);
        assertEquals(value, layer.parameters().get(param));
    }

    @Property(seed = "4711", tries = 30)
    void probeOfEveryRegisteredLayerEqualsRebuiltLayer(@ForAll("streams") ReplayedRandom random,
                                                       @ForAll("probedEntries") List<Tuple2<Integer, Double>> entries) {
        // GIVEN every sample of every registered layer type that has parameters
        for (LayerType type : LayerTypes.builtIn().all()) {
            for (LayerSample sample : type.samples(random)) {
                Layer layer = sample.layer();
                for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
                    if (p.getValue().size() == 0) {
                        continue;
                    }
                    ParameterProbe probe = Probes.parameter(layer, p.getKey(), sample.input(), layer.forward(sample.input()));
                    for (Tuple2<Integer, Double> entry : entries) {
                        int index = entry.get1() % p.getValue().size();
                        double newValue = entry.get2().isNaN() ? nudged(p.getValue().get(index), entry.get1()) : entry.get2();

                        // WHEN one entry is probed
                        Tensor fast = probe.forwardWith(index, newValue);

                        // THEN the result is that of the rebuilt layer, whatever was probed before
                        Tensor slow = layer.withParameters(Map.of(p.getKey(), p.getValue().with(index, newValue))).forward(sample.input());
                        assertEquals(slow, fast, type.name() + " (" + sample.description() + ") " + p.getKey() + "[" + index + "] = " + newValue);
                    }
                }
            }
        }
    }

    /** An affine layer [1-40, 1-40] with values in [-3, 3], an input [1-6, in], W or b, and an entry with its new value. */
    record AffineProbe(Tensor weight, Tensor bias, Tensor x, String param, int index, double newValue) {
    }

    @Provide
    Arbitrary<AffineProbe> affineProbes() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 40);
        return Combinators.combine(sizes, sizes, Arbitraries.integers().between(1, 6)).flatAs((in, out, batch) -> Combinators.combine(
                values(in, out), values(out), values(batch, in), Arbitraries.of(Affine.WEIGHT, Affine.BIAS), probedEntries().map(l -> l.get(0)))
                .as((w, b, x, param, entry) -> {
                    Tensor value = param.equals(Affine.WEIGHT) ? w : b;
                    int index = entry.get1() % value.size();
                    return new AffineProbe(w, b, x, param, index, entry.get2().isNaN() ? nudged(value.get(index), entry.get1()) : entry.get2());
                }));
    }

    @Provide
    Arbitrary<ReplayedRandom> streams() {
        return ReplayedRandom.arbitrary();
    }

    /**
     * Three (index, new value) pairs, the index taken modulo the size of the probed tensor; the new value is 0.0,
     * -0.0, one in [-5, 5], or NaN standing for the original moved by a central-difference step (up or down).
     */
    @Provide
    Arbitrary<List<Tuple2<Integer, Double>>> probedEntries() {
        Arbitrary<Double> newValues = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.just(-0.0), Arbitraries.just(Double.NaN),
                Arbitraries.doubles().between(-5, 5).ofScale(9));
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), newValues).as(Tuple::of).list().ofSize(3);
    }

    /** The original moved by the checker's step 6.06e-6 (relative from 1 on), up for even {@code k}, down for odd. */
    private static double nudged(double original, int k) {
        double step = 6.06e-6 * Math.max(Math.abs(original), 1);
        return k % 2 == 0 ? original + step : original - step;
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-3, 3).decimals(9);
    }
}
