package io.gradcheck4j.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.check.Tolerance;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Identity;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.layers.Step;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Batch consistency: the built-in layers do not couple rows and half squared error sums over them, so the
 * parameter gradient of a batch is the sum of the per-row gradients and the input gradient of row b is the
 * gradient of row b alone.
 */
@GradientProperties
class BatchConsistencyProperties {
    private static final Tolerance SAME_UP_TO_ROUNDING = Tolerance.absRel(1e-12, 1e-9);

    @Property(seed = "11", tries = 150)
    void theGradientOfABatchIsTheSumOverItsRows(@ForAll("summedOverRows") NetworkCase c) {
        // GIVEN the gradients of the whole batch
        Map<String, Tensor> batch = c.network().gradients(c.input(), c.objective());

        // WHEN every row is run alone and the parameter gradients are added up
        Map<String, Tensor> summed = new HashMap<>();
        int width = c.input().dim(1);
        int outputs = c.target().dim(1);
        for (int b = 0; b < c.batch(); b++) {
            NetworkCase row = new NetworkCase(c.network(), row(c.input(), b, width), c.loss(), row(c.target(), b, outputs));
            Map<String, Tensor> g = row.network().gradients(row.input(), row.objective());
            for (Map.Entry<String, Tensor> e : g.entrySet()) {
                if (e.getKey().equals(Network.INPUT)) {
                    // THEN each row's input gradient equals its row of the batch's input gradient
                    assertClose(row(batch.get(Network.INPUT), b, width), e.getValue(), "input row " + b);
                } else {
                    summed.merge(e.getKey(), e.getValue(), Tensor::plus);
                }
            }
        }

        // THEN each parameter gradient equals the sum over the rows
        summed.forEach((name, sum) -> assertClose(batch.get(name), sum, name));
    }

    @Provide
    Arbitrary<NetworkCase> summedOverRows() {
        return Networks.mlps().activations(Identity.TYPE, Sigmoid.TYPE, Tanh.TYPE, ReLU.TYPE, Step.TYPE)
                .losses(HalfSquaredError.TYPE).batch(2, 5);
    }

    private static Tensor row(Tensor m, int b, int width) {
        double[] r = new double[width];
        for (int j = 0; j < width; j++) {
            r[j] = m.get(b * width + j);
        }
        return Tensor.of(r, 1, width);
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(SAME_UP_TO_ROUNDING.accepts(actual.get(i), expected.get(i)),
                    what + " at " + expected.formatIndex(i) + ": batch " + expected.get(i) + ", rows " + actual.get(i));
        }
    }
}
