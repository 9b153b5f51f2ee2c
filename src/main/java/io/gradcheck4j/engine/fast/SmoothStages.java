package io.gradcheck4j.engine.fast;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.LossObjective;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.tensor.Tensor;

/**
 * Internal: which stages of a network have an empty branch pattern at every input, so that a check need not ask
 * them at every evaluation. A stage is smooth when its class keeps the interface's default
 * {@code branchPattern} (which returns an empty array whatever the input), or when it is a {@link FastLayer}
 * that says so ({@link FastLayer#neverBranches}). Every other stage, a user's override included, is asked at
 * every evaluation as before, so the branch patterns a check sees are the same.
 */
public final class SmoothStages {
    private SmoothStages() {
    }

    /** Whether {@code layer}'s branch pattern is empty at every input. */
    public static boolean smooth(Layer layer) {
        if (layer instanceof FastLayer fast && fast.neverBranches()) {
            return true;
        }
        return keepsDefault(layer.getClass(), Layer.class, Tensor.class);
    }

    /** Whether {@code objective}'s branch pattern is empty at every output. */
    public static boolean smooth(Objective objective) {
        if (objective instanceof LossObjective lossObjective) {
            return keepsDefault(lossObjective.loss().getClass(), Loss.class, Tensor.class, Tensor.class);
        }
        return keepsDefault(objective.getClass(), Objective.class, Tensor.class);
    }

    /** Whether {@code type}'s public {@code branchPattern(parameters)} is the default of {@code owner}. */
    private static boolean keepsDefault(Class<?> type, Class<?> owner, Class<?>... parameters) {
        try {
            return type.getMethod("branchPattern", parameters).getDeclaringClass() == owner;
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }
}
