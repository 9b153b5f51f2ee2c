package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpatialLayersTest {
    private static final LayerTypes TYPES = LayerTypes.builtIn();

    private static LayerType type(String name) {
        return TYPES.find(name).orElseThrow();
    }

    private static String error(String type, Map<String, Tensor> params, Map<String, Object> options) {
        return assertThrows(IllegalArgumentException.class, () -> type(type).create(params, options)).getMessage();
    }

    @Test
    void conv2dFromFixtureParametersAndOptions() {
        // GIVEN a fixture's weight, bias, stride 2 (as Jackson reads it, an Integer) and padding 1.0 (a Double)
        Map<String, Tensor> params = Map.of("weight", Tensor.zeros(2, 1, 3, 3), "bias", Tensor.zeros(2));
        // WHEN
        Layer layer = type("conv2d").create(params, Map.of("stride", 2, "padding", 1.0));
        // THEN
        Conv2D conv = assertInstanceOf(Conv2D.class, layer);
        assertEquals(2, conv.stride());
        assertEquals(1, conv.padding());
        assertEquals(1, ((Conv2D) type("conv2d").create(params, Map.of())).stride());
    }

    @Test
    void conv2dErrorsNameTheParameterOrOption() {
        Map<String, Tensor> params = Map.of("weight", Tensor.zeros(2, 1, 3, 3), "bias", Tensor.zeros(2));
        // GIVEN / WHEN / THEN
        assertTrue(error("conv2d", Map.of("weight", Tensor.zeros(2, 1, 3, 3)), Map.of()).contains("'bias'"));
        assertTrue(error("conv2d", params, Map.of("stride", 1.5)).contains("'stride' must be an integer"));
        assertTrue(error("conv2d", params, Map.of("stride", 0)).contains("'stride' must be >= 1"));
        assertTrue(error("conv2d", params, Map.of("padding", "one")).contains("'padding'"));
        assertTrue(error("conv2d", params, Map.of("dilation", 2)).contains("no option 'dilation'"));
    }

    @Test
    void poolsNeedAKernelAndDefaultTheStrideToIt() {
        // GIVEN / WHEN
        MaxPool2D max = (MaxPool2D) type("max_pool2d").create(Map.of(), Map.of("kernel", 3));
        AvgPool2D avg = (AvgPool2D) type("avg_pool2d").create(Map.of(), Map.of("kernel", 2, "stride", 1));
        // THEN
        assertEquals(3, max.stride());
        assertEquals(1, avg.stride());
        assertTrue(error("max_pool2d", Map.of(), Map.of()).contains("needs option 'kernel'"));
        assertTrue(error("avg_pool2d", Map.of("weight", Tensor.zeros(1)), Map.of("kernel", 2)).contains("no parameter 'weight'"));
        assertInstanceOf(Flatten.class, type("flatten").create(Map.of(), Map.of()));
    }
}
