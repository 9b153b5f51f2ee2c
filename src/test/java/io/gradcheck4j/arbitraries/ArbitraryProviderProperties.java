package io.gradcheck4j.arbitraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@code @ForAll Network}, {@code @ForAll NetworkCase} and {@code @ForAll Tensor} resolve through the registered provider. */
@GradientProperties
class ArbitraryProviderProperties {

    @Property(seed = "5", tries = 50)
    void networksAlternateAffineLayersAndActivationsWithinTheDefaultBounds(@ForAll Network net) {
        List<Layer> layers = net.layers();
        assertTrue(layers.size() >= 2 && layers.size() <= 6 && layers.size() % 2 == 0, "layers: " + layers.size());
        for (int i = 0; i < layers.size(); i++) {
            assertEquals(i % 2 == 0, layers.get(i).type().equals(Affine.TYPE), "layer " + i + " is " + layers.get(i).type());
        }
        for (Tensor p : net.parameters().values()) {
            assertTrue(p.maxAbs() <= Tensors.DEFAULT_BOUND);
        }
    }

    @Property(seed = "6", tries = 50)
    void casesChainShapesFromInputToTarget(@ForAll NetworkCase c) {
        Tensor y = c.network().forward(c.input());
        c.loss().validateTarget(y.shape(), c.target());
        assertTrue(c.batch() >= 1 && c.batch() <= 4);
        assertEquals(c.batch(), y.dim(0));
    }

    @Property(seed = "7", tries = 50)
    void tensorsHaveRankOneToThreeAndSmallDimensions(@ForAll Tensor t) {
        assertTrue(t.rank() >= 1 && t.rank() <= 3);
        for (int d : t.shape()) {
            assertTrue(d >= 1 && d <= 4);
        }
    }
}
