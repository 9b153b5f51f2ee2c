package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceLayersTest {
    private static final LayerTypes TYPES = LayerTypes.builtIn();

    private static LayerType type(String name) {
        return TYPES.find(name).orElseThrow();
    }

    private static String error(String type, Map<String, Tensor> params) {
        return assertThrows(IllegalArgumentException.class, () -> type(type).create(params, Map.of())).getMessage();
    }

    @Test
    void createsEachLayerFromItsNamedParameters() {
        // GIVEN / WHEN / THEN parameters come back under their fixture names, in order
        assertInstanceOf(Embedding.class, type("embedding").create(Map.of("weight", Tensor.zeros(4, 2)), Map.of()));
        var rnn = type("rnn").create(Map.of("wx", Tensor.zeros(3, 2), "wh", Tensor.zeros(2, 2), "b", Tensor.zeros(2)), Map.of());
        assertEquals(List.of("wx", "wh", "b"), List.copyOf(rnn.parameters().keySet()));
        var lstm = type("lstm").create(Map.of("wx", Tensor.zeros(3, 8), "wh", Tensor.zeros(2, 8), "b", Tensor.zeros(8)), Map.of());
        assertEquals(List.of("wx", "wh", "b"), List.copyOf(lstm.parameters().keySet()));
        var attention = type("self_attention").create(Map.of("wq", Tensor.zeros(3, 2), "wk", Tensor.zeros(3, 2), "wv", Tensor.zeros(3, 2)), Map.of());
        assertEquals(List.of("wq", "wk", "wv"), List.copyOf(attention.parameters().keySet()));
    }

    @Test
    void errorsNameTheMissingOrMisshapedParameter() {
        // GIVEN / WHEN / THEN
        assertTrue(error("rnn", Map.of("wx", Tensor.zeros(3, 2), "b", Tensor.zeros(2))).contains("'wh'"));
        assertTrue(error("rnn", Map.of("wx", Tensor.zeros(3, 2), "wh", Tensor.zeros(2, 3), "b", Tensor.zeros(2))).contains("wh must have shape [2, 2]"));
        assertTrue(error("lstm", Map.of("wx", Tensor.zeros(3, 6), "wh", Tensor.zeros(2, 6), "b", Tensor.zeros(6))).contains("4 * hidden"));
        assertTrue(error("self_attention", Map.of("wq", Tensor.zeros(3, 2), "wk", Tensor.zeros(3, 1), "wv", Tensor.zeros(3, 2))).contains("wk"));
        assertTrue(error("embedding", Map.of("weight", Tensor.zeros(4, 2), "bias", Tensor.zeros(2))).contains("no parameter 'bias'"));
        assertThrows(IllegalArgumentException.class, () -> type("rnn").create(
                Map.of("wx", Tensor.zeros(3, 2), "wh", Tensor.zeros(2, 2), "b", Tensor.zeros(2)), Map.of("stride", 1)));
    }

    @Test
    void withParametersKeepsShapesAndNames() {
        // GIVEN an RNN
        SimpleRnn rnn = new SimpleRnn(Tensor.zeros(3, 2), Tensor.zeros(2, 2), Tensor.zeros(2));
        // WHEN / THEN a replacement must exist and keep its shape
        assertEquals(Tensor.filled(1, 2), rnn.withParameters(Map.of("b", Tensor.filled(1, 2))).parameters().get("b"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rnn.withParameters(Map.of("b", Tensor.zeros(3))))
                .getMessage().contains("keep shape [2]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rnn.withParameters(Map.of("c", Tensor.zeros(2))))
                .getMessage().contains("no parameter 'c'"));
    }
}
