package io.gradcheck4j.engine.layers;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/** Checks shared by the normalization layers ({@link BatchNorm}, {@link LayerNorm}). */
final class Normalization {
    private Normalization() {
    }

    /** &gamma; and &beta; are vectors of equal length and &epsilon; is a finite number &ge; 0. */
    static void requireScaleAndShift(String type, Tensor gamma, Tensor beta, double epsilon) {
        if (gamma.rank() != 1) {
            throw new IllegalArgumentException(type + " parameter 'gamma' must be 1-D [features], got shape " + Arrays.toString(gamma.shape()));
        }
        if (!beta.sameShape(gamma)) {
            throw new IllegalArgumentException(type + " parameter 'beta' must have shape " + Arrays.toString(gamma.shape())
                    + " like 'gamma', got " + Arrays.toString(beta.shape()));
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(type + " option 'epsilon' must be a finite number >= 0, got " + epsilon);
        }
    }

    /** Only gamma and beta may be replaced, and only by tensors of their shapes. */
    static void requireKnown(String type, Map<String, Tensor> replacements, Tensor gamma, Tensor beta) {
        for (Map.Entry<String, Tensor> r : replacements.entrySet()) {
            Tensor current = switch (r.getKey()) {
                case "gamma" -> gamma;
                case "beta" -> beta;
                default -> throw new IllegalArgumentException(type + " has no parameter " + r.getKey() + " (it takes gamma, beta)");
            };
            if (!r.getValue().sameShape(current)) {
                throw new IllegalArgumentException(type + " parameter " + r.getKey() + " must keep shape " + Arrays.toString(current.shape()));
            }
        }
    }

    /** 1 / &radic;(variance + &epsilon;), or an error naming the group when that is infinite. */
    static double inverseStd(String type, String group, double variance, double epsilon) {
        double inv = 1.0 / Math.sqrt(variance + epsilon);
        if (Double.isInfinite(inv)) {
            throw new IllegalArgumentException(type + ": " + group + " has zero variance and epsilon is 0, so it cannot be normalised");
        }
        return inv;
    }
}
