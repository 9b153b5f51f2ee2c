package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A registered kind of layer (PyTorch's OpInfo idea): its name, how to build one from named parameters
 * (fixtures), how to build random instances with sample inputs (the generic check battery), and whether
 * it has kinks (points where the derivative is undefined, e.g. ReLU at 0).
 *
 * <p>Register types through a {@link LayerTypeProvider} listed in
 * {@code META-INF/services/io.gradcheck4j.engine.LayerTypeProvider}; every registered type is checked by
 * the generic tests and by the CLI's main job.
 */
public interface LayerType {

    /** Unique type name, equal to {@link Layer#type()} of the layers it builds. */
    String name();

    /** Whether the layer has points where its derivative is undefined. */
    boolean hasKinks();

    /**
     * Whether the layer's input holds integer indices rather than real values (e.g. an embedding's token
     * ids). Such a layer is piecewise constant in its input, so its input gradient is zero by definition and
     * a gradient check of the input compares 0 with 0: it proves nothing. Check batteries check only the
     * parameters of such a layer (the input check still passes if run). Default: false.
     */
    default boolean integerInput() {
        return false;
    }

    /**
     * A layer from named parameters and options (as read from a fixture).
     *
     * @throws IllegalArgumentException naming the parameter or option that is missing or malformed
     */
    Layer create(Map<String, Tensor> parameters, Map<String, Object> options);

    /** Random instances with inputs, drawn from {@code random}, including the type's edge cases. */
    List<LayerSample> samples(RandomGenerator random);
}
