package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inverted dropout with a fixed, seeded mask, so that the forward pass is a deterministic function and can
 * be gradient-checked: y<sub>i</sub> = m<sub>i</sub> x<sub>i</sub> / (1 - p) with rate p and keep mask
 * m<sub>i</sub> &isin; {0, 1}; backward dx<sub>i</sub> = m<sub>i</sub> dy<sub>i</sub> / (1 - p).
 *
 * <p>The mask is a pure function of the seed and the input shape (SplitMix64 hashing, counter based):
 * with mix(z) the SplitMix64 finaliser (z &larr; (z &oplus; z&gt;&gt;&gt;30)&middot;0xbf58476d1ce4e5b9,
 * z &larr; (z &oplus; z&gt;&gt;&gt;27)&middot;0x94d049bb133111eb, z &oplus; z&gt;&gt;&gt;31, 64-bit wrapping),
 * key = mix(seed), then key &larr; mix(key &oplus; d) for every dimension d of the shape in order, and for the
 * element at flat row-major offset i: u<sub>i</sub> = (mix(key + (i + 1)&middot;0x9e3779b97f4a7c15) &gt;&gt;&gt; 11) &middot; 2<sup>-53</sup>
 * &isin; [0, 1); the element is kept (m<sub>i</sub> = 1) iff u<sub>i</sub> &ge; p. About a fraction p of the
 * elements is dropped; p = 0 is the identity.
 */
public final class Dropout implements Pure {
    /** Type name. */
    public static final String TYPE = "dropout";
    /** Name of the rate option (probability of dropping an element). */
    public static final String RATE = "rate";
    /** Name of the seed option. */
    public static final String SEED = "seed";

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final double rate;
    private final long seed;

    /** Dropout with drop probability {@code rate} in [0, 1) and a mask derived from {@code seed}. */
    public Dropout(double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(TYPE + " option '" + RATE + "' must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
    }

    /** The drop probability p. */
    public double rate() {
        return rate;
    }

    /** The mask seed. */
    public long seed() {
        return seed;
    }

    /** {@code rate} and {@code seed}, as {@link DenseLayers} reads them. */
    @Override
    public Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(RATE, rate);
        o.put(SEED, seed);
        return o;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The keep mask m (1 = kept, 0 = dropped) for inputs of this shape. */
    public Tensor mask(int... shape) {
        long key = mix(seed);
        for (int d : shape) {
            key = mix(key ^ d);
        }
        double[] m = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < m.length; i++) {
            double u = (mix(key + (i + 1) * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
            m[i] = u >= rate ? 1.0 : 0.0;
        }
        return Tensor.wrap(m, shape);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.times(mask(x.shape())).scale(1.0 / (1.0 - rate));
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        return LayerGradients.ofInput(dy.times(mask(x.shape())).scale(1.0 / (1.0 - rate)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
