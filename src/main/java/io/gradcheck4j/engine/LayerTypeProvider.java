package io.gradcheck4j.engine;

import java.util.List;

/** A {@link java.util.ServiceLoader} service that contributes layer types to {@link LayerTypes}. */
public interface LayerTypeProvider {

    /** The layer types this provider registers. */
    List<LayerType> layerTypes();
}
