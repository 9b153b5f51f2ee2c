package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.Tensors;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.tensor.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple5;
import net.jqwik.api.constraints.IntRange;

@GradientProperties
class SequenceLayerProperties {

    @Property(seed = "20261123", tries = 30)
    void recurrentOutputsNeverDependOnLaterInputs(@ForAll("recurrentCases") Tuple5<Boolean, Tensor, Tensor, Tensor, Tensor> sample,
                                                  @ForAll @IntRange(min = 0, max = 4) int step) {
        // The output at step t gets gradient only from x_0 .. x_t: backprop through time must never leak forward.
        boolean lstm = sample.get1();
        Tensor wx = sample.get2();
        Tensor wh = sample.get3();
        Tensor b = sample.get4();
        Tensor x = sample.get5();
        int time = x.dim(1);
        int t = step % (time - 1);
        int features = 2;
        int hidden = 2;
        Layer layer = lstm ? new Lstm(wx, wh, b) : new SimpleRnn(wx, wh, b);
        double[] upstream = new double[time * hidden];
        upstream[t * hidden] = 1;
        Tensor dx = layer.backward(x, layer.forward(x), Tensor.wrap(upstream, 1, time, hidden)).input();
        for (int later = t + 1; later < time; later++) {
            for (int f = 0; f < features; f++) {
                assertEquals(0.0, dx.at(0, later, f), "dy_" + t + "/dx_" + later);
            }
        }
    }

    @Property(seed = "20261123", tries = 30)
    void selfAttentionIsPermutationEquivariant(@ForAll("attentionCases") Tuple5<Tensor, Tensor, Tensor, Tensor, Tensor> sample,
                                               @ForAll @IntRange(min = 1, max = 3) int shift) {
        // Without positions, rotating the sequence rotates the output (and the input gradient) the same way.
        SelfAttention attention = new SelfAttention(sample.get1(), sample.get2(), sample.get3());
        Tensor x = sample.get4();
        Tensor dy = sample.get5();
        Tensor y = attention.forward(x);
        Tensor dx = attention.backward(x, y, dy).input();
        Tensor xr = rotate(x, shift);
        Tensor yr = attention.forward(xr);
        Tensor dxr = attention.backward(xr, yr, rotate(dy, shift)).input();
        assertClose(rotate(y, shift), yr);
        assertClose(rotate(dx, shift), dxr);
    }

    /** An RNN or LSTM (features 2, hidden 2) with parameters in [-1, 1] and an input [1, 2-5, 2] in [-1, 1]. */
    @Provide
    Arbitrary<Tuple5<Boolean, Tensor, Tensor, Tensor, Tensor>> recurrentCases() {
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.integers().between(2, 5)).flatAs((lstm, time) -> {
            int gates = lstm ? 8 : 2;
            return Combinators.combine(values(2, gates), values(2, gates), values(gates), values(1, time, 2))
                    .as((wx, wh, b, x) -> Tuple.of(lstm, wx, wh, b, x));
        });
    }

    /** wq, wk, wv [3, 2], an input [1, 2-4, 3] and an upstream [1, seq, 2], all in [-1, 1]. */
    @Provide
    Arbitrary<Tuple5<Tensor, Tensor, Tensor, Tensor, Tensor>> attentionCases() {
        return Arbitraries.integers().between(2, 4).flatMap(seq ->
                Combinators.combine(values(3, 2), values(3, 2), values(3, 2), values(1, seq, 3), values(1, seq, 2)).as(Tuple::of));
    }

    private static Arbitrary<Tensor> values(int... shape) {
        return Tensors.of(shape).between(-1, 1).decimals(9);
    }

    /** t[0, (s + shift) mod seq, :] = original[0, s, :]. */
    private static Tensor rotate(Tensor t, int shift) {
        int seq = t.dim(1);
        int width = t.dim(2);
        double[] out = new double[t.size()];
        for (int s = 0; s < seq; s++) {
            for (int k = 0; k < width; k++) {
                out[((s + shift) % seq) * width + k] = t.at(0, s, k);
            }
        }
        return Tensor.wrap(out, t.shape());
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-12, "at " + expected.formatIndex(i));
        }
    }
}
