package io.gradcheck4j.engine;

import java.util.List;

/**
 * A {@link java.util.ServiceLoader} service that contributes losses to {@link Losses}, as
 * {@link LayerTypeProvider} does for layer types: the engine names no concrete loss.
 */
public interface LossProvider {

    /** The losses this provider registers. */
    List<Loss> losses();
}
