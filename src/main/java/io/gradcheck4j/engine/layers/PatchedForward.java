package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.tensor.Tensor;

/**
 * {@link FastLayer#forwardIncremental} through the layer's own {@link FastLayer#forwardPatch}, so a layer writes its
 * incremental rule once: the entries where x2 differs from x are listed, y is copied, and the patch is
 * applied to the copy (a layer without a patch path for these shapes runs its full forward pass).
 */
final class PatchedForward {
    private PatchedForward() {
    }

    /** forwardIncremental(x, y, x2) of {@code layer} by its forwardPatch, bit for bit. */
    static Tensor of(FastLayer layer, Tensor x, Tensor y, Tensor x2) {
        if (!x.sameShape(x2)) {
            return layer.forward(x2);
        }
        int[] changed = new int[x.size()];
        int count = 0;
        for (int i = x2.nextDifference(x, 0); i >= 0; i = x2.nextDifference(x, i + 1)) {
            changed[count++] = i;
        }
        double[] out = y.toArray();
        int written = layer.forwardPatch(x, y, x2.toArray(), changed, count, out, new int[y.size()]);
        return written < 0 ? layer.forward(x2) : Tensor.wrap(out, y.shape());
    }
}
