package io.gradcheck4j.engine.layers;

import java.util.Map;

/**
 * An activation kinked at 0 whose x &le; 0 piece is scaled by one finite numeric option f (leaky ReLU's
 * slope, ELU's &alpha;). For f = 1 the pieces join with equal derivatives, so no branches are reported.
 */
abstract class ScaledNegativePiece extends KinkAtZero {
    private final String type;
    private final String option;
    private final double factor;

    /** The layer {@code type} with option {@code option} = {@code factor}, which must be finite. */
    ScaledNegativePiece(String type, String option, double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException(type + " option '" + option + "' must be a finite number, got " + factor);
        }
        this.type = type;
        this.option = option;
        this.factor = factor;
    }

    /** f. */
    final double factor() {
        return factor;
    }

    /** The option f under its name, as {@link DenseLayers} reads it. */
    @Override
    public final Map<String, Object> options() {
        return Map.of(option, factor);
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    protected final boolean piecewise() {
        return factor != 1.0;
    }
}
