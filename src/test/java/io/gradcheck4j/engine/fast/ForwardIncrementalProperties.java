package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Step;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple4;

/** forwardIncremental(x, forward(x), x2) is forward(x2): exactly for element-wise layers, up to rounding for affine. */
@GradientProperties
class ForwardIncrementalProperties {

    @Property(seed = "99", tries = 100)
    void elementwiseLayersRecomputeChangedEntriesExactly(@ForAll("elementwiseInputs") Tuple2<Tensor, Tensor> inputs) {
        // GIVEN an input and a copy of it with a few entries changed (to 0.0, -0.0 or a random value)
        Tensor x = inputs.get1();
        Tensor x2 = inputs.get2();
        for (FastLayer layer : List.of(new Sigmoid(), new Tanh(), new ReLU(), new Step())) {
            // WHEN the layer updates its earlier output
            Tensor incremental = layer.forwardIncremental(x, layer.forward(x), x2);

            // THEN it is the full forward pass on x2, bit for bit
            assertEquals(layer.forward(x2), incremental, layer.type());
        }
    }

    @Property(seed = "7", tries = 150)
    void affineAddsTheChangeTimesWeightRowsUpToRounding(@ForAll("affineInputs") Tuple4<Tensor, Tensor, Tensor, Tensor> sample) {
        // GIVEN an affine layer, an input and a copy with some entries changed
        Tensor w = sample.get1();
        Tensor b = sample.get2();
        Affine layer = new Affine(w, b);
        Tensor x = sample.get3();
        Tensor x2 = sample.get4();
        int batch = x.dim(0);
        int in = w.dim(0);
        int out = w.dim(1);

        // WHEN the layer updates its earlier output
        Tensor incremental = layer.forwardIncremental(x, layer.forward(x), x2);

        // THEN every entry is within rounding of sum_p x2[r,p] W[p,j] + b[j], computed here term by term
        assertArrayEquals(new int[] {batch, out}, incremental.shape());
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < out; j++) {
                double exact = b.get(j);
                double magnitude = Math.abs(b.get(j));
                for (int p = 0; p < in; p++) {
                    exact += x2.get(r * in + p) * w.get(p * out + j);
                    magnitude += Math.abs(x2.get(r * in + p) * w.get(p * out + j)) + Math.abs(x.get(r * in + p) * w.get(p * out + j));
                }
                double error = Math.abs(incremental.get(r * out + j) - exact);
                assertTrue(error <= 8 * (in + 2) * Math.ulp(1.0) * magnitude,
                        "entry [" + r + ", " + j + "]: " + incremental.get(r * out + j) + " vs " + exact);
            }
        }
    }

    /** x [1-5, 1-30] in [-4, 4] and x with up to 8 entries changed. */
    @Provide
    Arbitrary<Tuple2<Tensor, Tensor>> elementwiseInputs() {
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 30))
                .flatAs((batch, width) -> withChanges(values(-4, 4, batch, width), 8));
    }

    /** W [1-30, 1-12] and b in [-2, 2], x [1-5, in] in [-2, 2] and x with up to 40 entries changed. */
    @Provide
    Arbitrary<Tuple4<Tensor, Tensor, Tensor, Tensor>> affineInputs() {
        return Combinators.combine(Arbitraries.integers().between(1, 30), Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 5))
                .flatAs((in, out, batch) -> Combinators.combine(values(-2, 2, in, out), values(-2, 2, out), withChanges(values(-2, 2, batch, in), 40))
                        .as((w, b, xs) -> Tuple.of(w, b, xs.get1(), xs.get2())));
    }

    /** A tensor and a copy with up to {@code maxChanges} entries (index modulo the size) set to 0.0, -0.0 or a value in [-4, 4]. */
    private static Arbitrary<Tuple2<Tensor, Tensor>> withChanges(Arbitrary<Tensor> tensors, int maxChanges) {
        Arbitrary<Double> newValues = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.just(-0.0), Arbitraries.doubles().between(-4, 4).ofScale(9));
        Arbitrary<List<Tuple2<Integer, Double>>> changes = Combinators.combine(Arbitraries.integers().between(0, 10_000), newValues)
                .as(Tuple::of).list().ofMaxSize(maxChanges);
        return Combinators.combine(tensors, changes).as((x, list) -> {
            double[] data = x.toArray();
            for (Tuple2<Integer, Double> change : list) {
                data[change.get1() % data.length] = change.get2();
            }
            return Tuple.of(x, Tensor.of(data, x.shape()));
        });
    }

    private static Arbitrary<Tensor> values(double lo, double hi, int... shape) {
        return Tensors.of(shape).between(lo, hi).decimals(9);
    }
}
