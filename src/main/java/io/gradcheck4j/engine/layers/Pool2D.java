package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the k&times;k pooling layers share: the validated window size k and stride S, reported as the
 * options {@code kernel} and {@code stride}, and the {@link PoolGeometry} of an input.
 */
abstract class Pool2D implements Pure {
    private final String type;
    private final int kernel;
    private final int stride;

    Pool2D(String type, int kernel, int stride) {
        PoolGeometry.validate(type, kernel, stride);
        this.type = type;
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    public final String type() {
        return type;
    }

    /** The window size k. */
    public final int kernel() {
        return kernel;
    }

    /** The stride S. */
    public final int stride() {
        return stride;
    }

    /** {@code kernel} and {@code stride}, as {@link SpatialLayers} reads them. */
    @Override
    public final Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kernel", kernel);
        o.put("stride", stride);
        return o;
    }

    /** The pooling geometry of {@code x}, or an error naming this layer when x does not fit. */
    final PoolGeometry geometry(Tensor x) {
        return PoolGeometry.of(type, x, kernel, stride);
    }
}
