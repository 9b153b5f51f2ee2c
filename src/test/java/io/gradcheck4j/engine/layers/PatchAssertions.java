package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import java.util.TreeSet;

/**
 * The assertions the patch properties share: a layer's {@link FastLayer#forwardPatch} and a {@link ParameterProbe}
 * against a full forward pass; and the fixed direction their direction probes move along.
 */
final class PatchAssertions {
    private PatchAssertions() {
    }

    /** A fixed direction of the given shape for the direction-probe properties: u<sub>i</sub> = sin(1.7 i + 0.3). */
    static Tensor direction(int... shape) {
        double[] u = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < u.length; i++) {
            u[i] = Math.sin(1.7 * i + 0.3);
        }
        return Tensor.wrap(u, shape);
    }

    /**
     * Patches x2 = x with entries {@code changed} set to {@code values} into a copy of y = forward(x), and asserts
     * that the result is forward(x2) bit for bit and that the written indices are ascending, distinct, and cover
     * every output entry that changed.
     */
    static void assertPatchEqualsForward(FastLayer layer, Tensor x, int[] changed, double[] values) {
        Tensor y = layer.forward(x);
        double[] x2 = x.toArray();
        for (int k = 0; k < changed.length; k++) {
            x2[changed[k]] = values[k];
        }
        double[] out = y.toArray();
        int[] written = new int[out.length];
        int n = layer.forwardPatch(x, y, x2, changed, changed.length, out, written);
        double[] expected = layer.forward(Tensor.of(x2, x.shape())).toArray();
        assertArrayEquals(expected, out);
        assertListed(y, expected, written, n);
    }

    /**
     * Has {@code probe} (of {@code param} of {@code layer} at input x, y = forward(x)) write the output with entry
     * {@code index} replaced by {@code newValue}, into a copy of y and allocating, and asserts that both are the
     * forward pass of the layer with that entry replaced, bit for bit, with the written entries listed as
     * {@link #assertListed} says.
     */
    static void assertProbeEqualsForward(FastLayer layer, Tensor x, Tensor y, ParameterProbe probe, String param, int index, double newValue) {
        Tensor value = layer.parameters().get(param);
        double[] into = y.toArray();
        int[] written = new int[into.length];
        int n = probe.forwardWithInto(index, newValue, into, written);
        Tensor allocated = probe.forwardWith(index, newValue);
        double[] replaced = value.toArray();
        replaced[index] = newValue;
        double[] expected = layer.withParameters(Map.of(param, Tensor.of(replaced, value.shape()))).forward(x).toArray();
        assertArrayEquals(expected, into);
        assertArrayEquals(expected, allocated.toArray());
        assertListed(y, expected, written, n);
    }

    /** The {@code n} written indices are ascending and distinct, and every entry where expected differs from y is among them. */
    static void assertListed(Tensor y, double[] expected, int[] written, int n) {
        TreeSet<Integer> listed = new TreeSet<>();
        for (int e = 0; e < n; e++) {
            assertTrue(e == 0 || written[e] > written[e - 1], "not ascending at " + e);
            listed.add(written[e]);
        }
        for (int e = 0; e < expected.length; e++) {
            assertTrue(listed.contains(e) || Double.compare(expected[e], y.get(e)) == 0, "entry " + e + " changed but was not listed");
        }
    }
}
