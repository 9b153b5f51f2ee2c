package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Thrown when a layer's forward or backward throws or returns something malformed (wrong shape, missing
 * parameter gradient); the message names the layer index, its type and the pass.
 */
public final class LayerFailure extends RuntimeException {
    private final int layerIndex;
    private final String layerType;

    /** A failure of layer {@code layerIndex} of type {@code layerType}. */
    public LayerFailure(int layerIndex, String layerType, String message, Throwable cause) {
        super("layer " + layerIndex + " (" + layerType + "): " + message, cause);
        this.layerIndex = layerIndex;
        this.layerType = layerType;
    }

    /** Index of the failing layer in its network. */
    public int layerIndex() {
        return layerIndex;
    }

    /** Type name of the failing layer. */
    public String layerType() {
        return layerType;
    }

    static Tensor forward(Layer layer, int index, Tensor x) {
        Tensor y;
        try {
            y = layer.forward(x);
        } catch (LayerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw forwardFailed(layer, index, x, e);
        }
        return nonNull(layer, index, y);
    }

    private static LayerFailure forwardFailed(Layer layer, int index, Tensor x, RuntimeException e) {
        return new LayerFailure(index, layer.type(), "forward failed on input of shape "
                + Arrays.toString(x.shape()) + ": " + e.getMessage(), e);
    }

    private static Tensor nonNull(Layer layer, int index, Tensor y) {
        if (y == null) {
            throw new LayerFailure(index, layer.type(), "forward returned null", null);
        }
        return y;
    }

    static LayerGradients backward(Layer layer, int index, Tensor x, Tensor y, Tensor dy) {
        LayerGradients g;
        try {
            g = layer.backward(x, y, dy);
        } catch (LayerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LayerFailure(index, layer.type(), "backward failed: " + e.getMessage(), e);
        }
        for (GradientProblem problem : GradientProblem.of(layer, x, g)) {
            if (problem.blocking()) {
                throw new LayerFailure(index, layer.type(), problem.message(), null);
            }
        }
        return g;
    }
}
