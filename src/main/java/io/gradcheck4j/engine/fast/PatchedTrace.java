package io.gradcheck4j.engine.fast;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Working buffers that carry a perturbation of a few entries through layers {@code from}..n-1 of a
 * network without allocating a new activation per evaluation: the inner loop of a full check. Each
 * activation a<sub>l</sub> (l &ge; from) has a buffer holding its value in the base trace; an evaluation
 * writes its change into the buffer of level {@code from}, {@link #propagate} carries it on with each
 * layer's {@link FastLayer#forwardPatch} (which writes only the entries that change, and lists them), and
 * {@link #restore} puts the written entries back. A layer without a patch path (every plain {@link Layer}) ends the patched part: from
 * there on {@link Incremental#trace} runs as usual. The activations equal those of Incremental.trace
 * bit for bit.
 *
 * <p>Private working state of one thread.
 */
public final class PatchedTrace {
    private final Network network;
    private final Network.Trace base;
    private final int from;
    private final double[][] buffers;
    /** A tensor over each buffer, made once; {@link #patchedViews} lists them all. */
    private final Tensor[] views;
    private final List<Tensor> patchedViews;
    private final int[][] written;
    private final int[] counts;
    private int lastCount = -1;

    /** Buffers for activations a<sub>from</sub>..a<sub>n</sub> of {@code network}, holding {@code base}'s values. */
    public PatchedTrace(Network network, Network.Trace base, int from) {
        this.network = network;
        this.base = base;
        this.from = from;
        int levels = network.layers().size() + 1 - from;
        buffers = new double[levels][];
        views = new Tensor[levels];
        written = new int[levels][];
        counts = new int[levels];
        for (int l = 0; l < levels; l++) {
            Tensor a = base.activations().get(from + l);
            buffers[l] = a.toArray();
            views[l] = Tensor.wrap(buffers[l], a.shape());
            written[l] = new int[a.size()];
        }
        patchedViews = Collections.unmodifiableList(Arrays.asList(views));
    }

    /** The buffer of a<sub>from</sub>, into which an evaluation writes its change. */
    public double[] first() {
        return buffers[0];
    }

    /** Where to list the flat indices written into {@link #first()} (room for its whole size). */
    public int[] firstWritten() {
        return written[0];
    }

    /**
     * Carries the {@code count} entries listed in {@link #firstWritten()} (ascending) through the layers and
     * returns a<sub>from</sub>..a<sub>n</sub>: when every layer patched, the same list of tensors over the buffers
     * each time, made once. Tensors over the buffers are valid only until {@link #restore}.
     */
    public List<Tensor> propagate(int count) {
        counts[0] = count;
        for (int l = 0; l + 1 < buffers.length; l++) {
            int layerIndex = from + l;
            Layer layer = network.layers().get(layerIndex);
            int n;
            try {
                n = Incremental.patch(layer, layerIndex, base.activations().get(layerIndex), base.activations().get(layerIndex + 1),
                        buffers[l], written[l], counts[l], buffers[l + 1], written[l + 1]);
            } catch (RuntimeException e) {
                buffers[l + 1] = base.activations().get(layerIndex + 1).toArray();
                views[l + 1] = Tensor.wrap(buffers[l + 1], base.activations().get(layerIndex + 1).shape());
                throw e;
            }
            if (n < 0) {
                lastCount = -1;
                List<Tensor> activations = new ArrayList<>(patchedViews.subList(0, l + 1));
                Tensor input = Tensor.wrap(buffers[l].clone(), base.activations().get(layerIndex).shape());
                List<Tensor> rest = Incremental.trace(network, base, layerIndex, input).activations();
                activations.addAll(rest.subList(1, rest.size()));
                return activations;
            }
            counts[l + 1] = n;
        }
        lastCount = counts[buffers.length - 1];
        return patchedViews;
    }

    /**
     * How many entries of a<sub>n</sub> the last {@link #propagate} wrote (listed, ascending, in {@link #lastWritten()}),
     * so every other entry is as in the base trace; -1 when it ran a plain forward pass from some layer on.
     */
    public int lastCount() {
        return lastCount;
    }

    /** The flat indices of a<sub>n</sub> the last {@link #propagate} wrote: the first {@link #lastCount()} entries. */
    public int[] lastWritten() {
        return written[buffers.length - 1];
    }

    /** Puts back the base values of every entry written since the last restore. */
    public void restore() {
        for (int l = 0; l < buffers.length; l++) {
            Tensor a = base.activations().get(from + l);
            if (counts[l] == buffers[l].length) {
                a.copyInto(buffers[l], 0);    // every entry written (the indices are distinct): one copy
                counts[l] = 0;
                continue;
            }
            for (int k = 0; k < counts[l]; k++) {
                int i = written[l][k];
                buffers[l][i] = a.get(i);
            }
            counts[l] = 0;
        }
    }
}
