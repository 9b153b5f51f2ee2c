package io.gradcheck4j.engine.fast;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerFailure;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forward passes that reuse an earlier trace: {@link #trace} carries a changed activation a<sub>from</sub>
 * through the layers after it, each {@link FastLayer} by its {@link FastLayer#forwardIncremental}, every
 * other layer by a plain {@link Layer#forward}. Failures name the layer like {@link Network#trace} does.
 */
public final class Incremental {

    private Incremental() {
    }

    /**
     * {@code network.traceFrom(from, changed)} computed incrementally against {@code base}, the trace of an
     * earlier full forward pass: the activations a<sub>from</sub> = {@code changed}, ..., a<sub>n</sub>, equal
     * to a full pass up to floating-point rounding (exactly so for plain layers).
     */
    public static Network.Trace trace(Network network, Network.Trace base, int from, Tensor changed) {
        List<Layer> layers = network.layers();
        List<Tensor> activations = new ArrayList<>(layers.size() + 1 - from);
        activations.add(changed);
        Tensor a = changed;
        for (int i = from; i < layers.size(); i++) {
            a = forward(layers.get(i), i, base.activations().get(i), base.activations().get(i + 1), a);
            activations.add(a);
        }
        return new Network.Trace(activations);
    }

    /** forward(x2) of layer {@code index}, incrementally from x and y = forward(x) when the layer is fast. */
    static Tensor forward(Layer layer, int index, Tensor x, Tensor y, Tensor x2) {
        Tensor y2;
        try {
            y2 = layer instanceof FastLayer fast ? fast.forwardIncremental(x, y, x2) : layer.forward(x2);
        } catch (LayerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(layer, index, x2, e);
        }
        if (y2 == null) {
            throw new LayerFailure(index, layer.type(), "forward returned null", null);
        }
        return y2;
    }

    /** {@link FastLayer#forwardPatch} of layer {@code index}; -1 (no patch path) for a plain layer. */
    static int patch(Layer layer, int index, Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        if (!(layer instanceof FastLayer fast)) {
            return -1;
        }
        try {
            return fast.forwardPatch(x, y, x2, changed, count, out, written);
        } catch (LayerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(layer, index, x, e);
        }
    }

    private static LayerFailure failed(Layer layer, int index, Tensor x, RuntimeException e) {
        return new LayerFailure(index, layer.type(), "forward failed on input of shape "
                + Arrays.toString(x.shape()) + ": " + e.getMessage(), e);
    }
}
