package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    private static final Tensor TABLE = Tensor.matrix(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});

    @Test
    void looksUpRowsAndAccumulatesRepeatedTokens() {
        // GIVEN tokens [[2, 0], [2, 1]] into a 3x2 table
        Embedding embedding = new Embedding(TABLE);
        Tensor x = Tensor.matrix(new double[] {2, 0}, new double[] {2, 1});
        // WHEN
        Tensor y = embedding.forward(x);
        LayerGradients g = embedding.backward(x, y, Tensor.filled(1, 2, 2, 2));
        // THEN rows 2, 0, 2, 1; token 2 appears twice so its row gets 2 * dy; the input gradient is zero
        assertEquals(Tensor.of(new double[] {5, 6, 1, 2, 5, 6, 3, 4}, 2, 2, 2), y);
        assertEquals(Tensor.matrix(new double[] {1, 1}, new double[] {1, 1}, new double[] {2, 2}), g.parameters().get(Embedding.WEIGHT));
        assertEquals(Tensor.zeros(2, 2), g.input());
    }

    @Test
    void inputCheckIsTriviallyZeroAndTheTableCheckPasses() {
        // GIVEN an embedding, integer tokens and a non-uniform upstream
        Embedding embedding = new Embedding(TABLE);
        Tensor x = Tensor.matrix(new double[] {2, 0, 2});
        Tensor upstream = Tensor.of(new double[] {1, -2, 3, 0.5, -1, 4}, 1, 3, 2);
        // WHEN checked by finite differences
        CheckReport report = new GradientChecker(CheckOptions.defaults().withParallelism(1)).check(NetworkFunction.ofLayer(embedding, x, upstream));
        // THEN it passes; the input's worst entry compares exactly 0 with 0
        assertTrue(report.passed(), () -> report.mismatches().toString());
        assertEquals(0.0, report.tensors().get(0).worstNumeric());
        assertEquals(0.0, report.tensors().get(0).maxAbsError());
    }

    @Test
    void rejectsNonIntegerAndOutOfRangeIndices() {
        Embedding embedding = new Embedding(TABLE);
        // GIVEN / WHEN / THEN 1.5, 3 and -1 are not token indices of a vocabulary of 3
        for (double bad : new double[] {1.5, 3, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> embedding.forward(Tensor.matrix(new double[] {0, bad})));
            assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("[0, 3)"), e.getMessage());
        }
    }
}
