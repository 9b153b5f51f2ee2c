package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SequenceLayerProperties {

    @Property(seed = "20261123", tries = 30)
    void recurrentOutputsNeverDependOnLaterInputs(@ForAll @IntRange(min = 2, max = 5) int time,
                                                  @ForAll @IntRange(min = 0, max = 4) int step,
                                                  @ForAll boolean lstm,
                                                  @ForAll long seed) {
        // The output at step t gets gradient only from x_0 .. x_t: backprop through time must never leak forward.
        int t = step % (time - 1);
        SplittableRandom random = new SplittableRandom(seed);
        int features = 2;
        int hidden = 2;
        int gates = lstm ? 4 * hidden : hidden;
        Tensor wx = RandomTensors.uniform(random, -1, 1, features, gates);
        Tensor wh = RandomTensors.uniform(random, -1, 1, hidden, gates);
        Tensor b = RandomTensors.uniform(random, -1, 1, gates);
        Layer layer = lstm ? new Lstm(wx, wh, b) : new SimpleRnn(wx, wh, b);
        Tensor x = RandomTensors.uniform(random, -1, 1, 1, time, features);
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
    void selfAttentionIsPermutationEquivariant(@ForAll @IntRange(min = 2, max = 4) int seq,
                                               @ForAll @IntRange(min = 1, max = 3) int shift,
                                               @ForAll long seed) {
        // Without positions, rotating the sequence rotates the output (and the input gradient) the same way.
        SplittableRandom random = new SplittableRandom(seed);
        int dim = 3;
        int dk = 2;
        SelfAttention attention = new SelfAttention(RandomTensors.uniform(random, -1, 1, dim, dk),
                RandomTensors.uniform(random, -1, 1, dim, dk), RandomTensors.uniform(random, -1, 1, dim, dk));
        Tensor x = RandomTensors.uniform(random, -1, 1, 1, seq, dim);
        Tensor dy = RandomTensors.uniform(random, -1, 1, 1, seq, dk);
        Tensor y = attention.forward(x);
        Tensor dx = attention.backward(x, y, dy).input();
        Tensor xr = rotate(x, shift);
        Tensor yr = attention.forward(xr);
        Tensor dxr = attention.backward(xr, yr, rotate(dy, shift)).input();
        assertClose(rotate(y, shift), yr);
        assertClose(rotate(dx, shift), dxr);
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
