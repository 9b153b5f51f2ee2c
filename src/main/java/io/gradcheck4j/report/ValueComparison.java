package io.gradcheck4j.report;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Engine vs expected for one quantity of a fixture (the output, the loss, one gradient tensor, a circuit
 * value), element by element under |a - e| &le; atol + rtol &middot; |e|.
 *
 * @param quantity      e.g. {@code output}, {@code loss}, {@code gradients.layers.0.weight}, {@code gradients.x}
 * @param shape         its shape ({@code []} for a scalar)
 * @param compared      elements compared
 * @param failures      elements outside the tolerance
 * @param maxAbsError   max |a - e|
 * @param maxRelError   max |a - e| / max(|a|, |e|)
 * @param worstIndex    the element with the largest |a - e| / allowed
 * @param worstExpected e at the worst element
 * @param worstActual   a at the worst element
 * @param mismatches    the first failing elements, in index order
 */
public record ValueComparison(String quantity, int[] shape, int compared, int failures, double maxAbsError,
                              double maxRelError, int[] worstIndex, double worstExpected, double worstActual,
                              List<ValueMismatch> mismatches) {

    /** Defensive copies. */
    public ValueComparison {
        shape = shape.clone();
        worstIndex = worstIndex.clone();
        mismatches = List.copyOf(mismatches);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] worstIndex() {
        return worstIndex.clone();
    }

    /** Whether every element matched. */
    public boolean passed() {
        return failures == 0;
    }

    /** The worst element as text, e.g. {@code gradients.layers.0.weight[1, 2]} ({@code loss} for a scalar). */
    public String worstEntry() {
        return quantity + (worstIndex.length == 0 ? "" : Arrays.toString(worstIndex));
    }

    /** Equal comparisons: every component equal, the arrays by their entries and the numbers as {@link Double#compare} sees them. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ValueComparison v && quantity.equals(v.quantity) && Arrays.equals(shape, v.shape)
                && compared == v.compared && failures == v.failures && Double.compare(maxAbsError, v.maxAbsError) == 0
                && Double.compare(maxRelError, v.maxRelError) == 0 && Arrays.equals(worstIndex, v.worstIndex)
                && Double.compare(worstExpected, v.worstExpected) == 0 && Double.compare(worstActual, v.worstActual) == 0
                && mismatches.equals(v.mismatches);
    }

    @Override
    public int hashCode() {
        return Objects.hash(quantity, Arrays.hashCode(shape), compared, failures, maxAbsError, maxRelError,
                Arrays.hashCode(worstIndex), worstExpected, worstActual, mismatches);
    }
}
