package io.gradcheck4j.arbitraries;

import io.gradcheck4j.tensor.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Tensors of one shape whose elements are decimals in [lo, hi] with a bounded number of decimal places.
 * Immutable: every setter returns a new arbitrary. Elements shrink towards 0 and towards fewer decimals.
 */
public final class TensorArbitrary extends ArbitraryDecorator<Tensor> {
    private final int[] shape;
    private final double lo;
    private final double hi;
    private final int decimals;

    TensorArbitrary(int[] shape, double lo, double hi, int decimals) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("value range must be finite with lo <= hi, got [" + lo + ", " + hi + "]");
        }
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        Tensor.sizeOf(shape);
        this.shape = shape.clone();
        this.lo = lo;
        this.hi = hi;
        this.decimals = decimals;
    }

    /** Elements in [lo, hi]. */
    public TensorArbitrary between(double min, double max) {
        return new TensorArbitrary(shape, min, max, decimals);
    }

    /** Elements with at most {@code places} decimal places (the default is 3). */
    public TensorArbitrary decimals(int places) {
        return new TensorArbitrary(shape, lo, hi, places);
    }

    @Override
    protected Arbitrary<Tensor> arbitrary() {
        int size = Tensor.sizeOf(shape);
        return Arbitraries.doubles().between(lo, hi).ofScale(decimals).list().ofSize(size)
                .map(values -> Tensor.wrap(values.stream().mapToDouble(Double::doubleValue).toArray(), shape));
    }
}
