package io.gradcheck4j.arbitraries;

import io.gradcheck4j.tensor.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik arbitraries for {@link Tensor}s: {@code Tensors.of(2, 3).between(-1, 1)} for a fixed shape,
 * {@link #shapes} for shapes, {@link #any} for tensors of a random shape.
 */
public final class Tensors {
    /** Default element range: [-2, 2]. */
    public static final double DEFAULT_BOUND = 2.0;
    /** Default number of decimal places of generated elements. */
    public static final int DEFAULT_DECIMALS = 3;

    private Tensors() {
    }

    /** Tensors of {@code shape} with elements in [-2, 2] and 3 decimal places. */
    public static TensorArbitrary of(int... shape) {
        return new TensorArbitrary(shape, -DEFAULT_BOUND, DEFAULT_BOUND, DEFAULT_DECIMALS);
    }

    /**
     * Shapes of rank {@code minRank..maxRank} (within 0..{@value Tensor#MAX_RANK}) with every dimension in
     * {@code 1..maxDim}; they shrink towards lower rank and size 1.
     */
    public static Arbitrary<int[]> shapes(int minRank, int maxRank, int maxDim) {
        if (minRank < 0 || maxRank > Tensor.MAX_RANK || minRank > maxRank || maxDim < 1) {
            throw new IllegalArgumentException("need 0 <= minRank <= maxRank <= " + Tensor.MAX_RANK + " and maxDim >= 1");
        }
        return Arbitraries.integers().between(1, maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
                .map(dims -> dims.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Shapes of rank 1 to 3 with dimensions 1 to 4. */
    public static Arbitrary<int[]> shapes() {
        return shapes(1, 3, 4);
    }

    /** Tensors of a shape from {@link #shapes()} with elements in [-2, 2]. */
    public static Arbitrary<Tensor> any() {
        return shapes().flatMap(Tensors::of);
    }
}
