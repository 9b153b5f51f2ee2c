package io.gradcheck4j.tensor;

import java.util.random.RandomGenerator;

/** Random tensors for tests and samples; every value is drawn from the given generator (reproducible by seed). */
public final class RandomTensors {
    private RandomTensors() {
    }

    /** Values uniform in [lo, hi). */
    public static Tensor uniform(RandomGenerator random, double lo, double hi, int... shape) {
        double[] data = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble(lo, hi);
        }
        return Tensor.wrap(data, shape);
    }

    /**
     * Values uniform in [lo, hi) but at least {@code margin} away from every point in {@code kinks}, so a
     * central difference of step &lt; margin cannot straddle a kink.
     */
    public static Tensor uniformAvoiding(RandomGenerator random, double lo, double hi, double margin, double[] kinks, int... shape) {
        double[] data = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < data.length; i++) {
            double v;
            do {
                v = random.nextDouble(lo, hi);
            } while (near(v, kinks, margin));
            data[i] = v;
        }
        return Tensor.wrap(data, shape);
    }

    private static boolean near(double v, double[] kinks, double margin) {
        for (double k : kinks) {
            if (Math.abs(v - k) < margin) {
                return true;
            }
        }
        return false;
    }
}
