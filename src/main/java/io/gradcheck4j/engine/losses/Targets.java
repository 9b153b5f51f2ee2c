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
}
