package io.gradcheck4j.properties;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Values for tensors whose shapes come from other parameters of a property: a drawn list of numbers in [-1, 1]
 * (6 decimals), handed out in order and scaled to each tensor's range, so that they shrink towards the middle
 * of every range (0 for a symmetric one) while the shapes shrink on their own. Each instance is read once, in
 * order: take a fresh one per try ({@link #arbitrary(int)}).
 */
public final class ValuePool {
    private final List<Double> values;
    private int next;

    private ValuePool(List<Double> values) {
        this.values = List.copyOf(values);
    }

    /** Pools of {@code size} values (as many as the property's tensors need at most). */
    public static Arbitrary<ValuePool> arbitrary(int size) {
        return Arbitraries.doubles().between(-1, 1).ofScale(6).list().ofSize(size).map(ValuePool::new);
    }

    /** The next {@code Tensor.sizeOf(shape)} values mapped from [-1, 1] onto [lo, hi]. */
    public Tensor tensor(double lo, double hi, int... shape) {
        int size = Tensor.sizeOf(shape);
        if (next + size > values.size()) {
            throw new IllegalStateException("the pool holds " + values.size() + " values, " + (next + size) + " asked for");
        }
        double[] data = new double[size];
        for (int i = 0; i < size; i++) {
            data[i] = (lo + hi) / 2 + values.get(next++) * (hi - lo) / 2;
        }
        return Tensor.wrap(data, shape);
    }

    @Override
    public String toString() {
        return "ValuePool" + values;
    }
}
