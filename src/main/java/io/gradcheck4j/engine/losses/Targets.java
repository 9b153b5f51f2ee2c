package io.gradcheck4j.engine.losses;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/** Shape checks shared by the losses. */
final class Targets {
    private Targets() {
    }

    static void requireShape(String loss, int[] outputShape, Tensor target) {
        if (!Arrays.equals(outputShape, target.shape())) {
            throw new IllegalArgumentException(loss + " target shape " + Arrays.toString(target.shape())
                    + " does not match output shape " + Arrays.toString(outputShape));
        }
    }

    static void requireProbabilities(String loss, Tensor target) {
        for (int i = 0; i < target.size(); i++) {
            double t = target.get(i);
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException(loss + " target at index " + target.formatIndex(i) + " is " + t + ", expected a value in [0, 1]");
            }
        }
    }
}
