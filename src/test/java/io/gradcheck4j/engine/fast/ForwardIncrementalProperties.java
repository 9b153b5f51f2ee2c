package io.gradcheck4j.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Step;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** forwardIncremental(x, forward(x), x2) is forward(x2): exactly for element-wise layers, up to rounding for affine. */
class ForwardIncrementalProperties {

    @Property(seed = "99", tries = 100)
    void elementwiseLayersRecomputeChangedEntriesExactly(@ForAll @IntRange(min = 1, max = 5) int batch,
                                                         @ForAll @IntRange(min = 1, max = 30) int width,
                                                         @ForAll @IntRange(min = 0, max = 8) int changes,
                                                         @ForAll long seed) {
        // GIVEN an input and a copy of it with a few entries changed (to 0.0, -0.0 or a random value)
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = RandomTensors.uniform(random, -4, 4, batch, width);
        Tensor x2 = changeEntries(random, x, changes);
        for (FastLayer layer : List.of(new Sigmoid(), new Tanh(), new ReLU(), new Step())) {
            // WHEN the layer updates its earlier output
            Tensor incremental = layer.forwardIncremental(x, layer.forward(x), x2);

            // THEN it is the full forward pass on x2, bit for bit
            assertEquals(layer.forward(x2), incremental, layer.type());
        }
    }

    @Property(seed = "7", tries = 150)
    void affineAddsTheChangeTimesWeightRowsUpToRounding(@ForAll @IntRange(min = 1, max = 30) int in,
                                                        @ForAll @IntRange(min = 1, max = 12) int out,
                                                        @ForAll @IntRange(min = 1, max = 5) int batch,
                                                        @ForAll @IntRange(min = 0, max = 40) int changes,
                                                        @ForAll long seed) {
        // GIVEN an affine layer, an input and a copy with some entries changed
        SplittableRandom random = new SplittableRandom(seed);
        Tensor w = RandomTensors.uniform(random, -2, 2, in, out);
        Tensor b = RandomTensors.uniform(random, -2, 2, out);
        Affine layer = new Affine(w, b);
        Tensor x = RandomTensors.uniform(random, -2, 2, batch, in);
        Tensor x2 = changeEntries(random, x, changes);

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

    private static Tensor changeEntries(SplittableRandom random, Tensor x, int changes) {
        double[] data = x.toArray();
        for (int k = 0; k < changes; k++) {
            int i = random.nextInt(data.length);
            data[i] = switch (random.nextInt(3)) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                default -> random.nextDouble(-4, 4);
            };
        }
        return Tensor.of(data, x.shape());
    }
}
