package io.gradcheck4j.engine.fast;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;

/**
 * The probes a check runs on one layer: a {@link FastLayer}'s own speed paths, or for any other layer the
 * plain path, which needs nothing beyond the minimal {@link Layer} contract. The plain path builds every
 * perturbed layer by {@link Layer#withParameters} with a fresh tensor (so a layer that copies the tensors it is
 * given sees each perturbation) and never changes a tensor after handing it over.
 */
public final class Probes {

    private Probes() {
    }

    /**
     * Layer output at x as a function of one entry of parameter {@code param}, given y = forward(x):
     * forwardWith(i, v) = withParameters(&theta; with &theta;<sub>i</sub> = v).forward(x).
     *
     * @throws IllegalArgumentException when the layer has no parameter {@code param}
     */
    public static ParameterProbe parameter(Layer layer, String param, Tensor x, Tensor y) {
        if (layer instanceof FastLayer fast) {
            return fast.probe(param, x, y);
        }
        Tensor value = parameter(layer, param);
        double[] base = value.toArray();
        return (flatIndex, newValue) -> {
            double[] perturbed = base.clone();
            perturbed[flatIndex] = newValue;
            return layer.withParameters(Map.of(param, Tensor.wrap(perturbed, value.shape()))).forward(x);
        };
    }

    /**
     * Layer output at x along direction u of parameter {@code param}, given y = forward(x):
     * forwardAt(t) = withParameters(&theta; + t u).forward(x).
     *
     * @throws IllegalArgumentException when the layer has no parameter {@code param} or the shapes differ
     */
    public static DirectionProbe direction(Layer layer, String param, Tensor x, Tensor y, Tensor direction) {
        if (layer instanceof FastLayer fast) {
            return fast.probeDirection(param, x, y, direction);
        }
        Tensor value = parameter(layer, param);
        if (!value.sameShape(direction)) {
            throw new IllegalArgumentException("direction must have the shape of parameter " + param);
        }
        return t -> layer.withParameters(Map.of(param, value.plusScaled(t, direction))).forward(x);
    }

    /** Layer output along direction u of its input, given y = forward(x): forwardAt(t) = forward(x + t u). */
    public static DirectionProbe inputDirection(Layer layer, Tensor x, Tensor y, Tensor direction) {
        if (layer instanceof FastLayer fast) {
            return fast.probeInputDirection(x, y, direction);
        }
        return t -> layer.forward(x.plusScaled(t, direction));
    }

    private static Tensor parameter(Layer layer, String param) {
        Tensor value = layer.parameters().get(param);
        if (value == null) {
            throw new IllegalArgumentException("layer " + layer.type() + " has no parameter " + param);
        }
        return value;
    }
}
