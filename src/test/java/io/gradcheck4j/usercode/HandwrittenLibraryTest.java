package io.gradcheck4j.usercode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.Gradcheck;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small hand-written, mutable NN library on double[] (Dense, Tanh, LayerNorm, Conv1D, softmax + cross-entropy,
 * an MLP; caches in fields, gradients left in fields, reused output buffers) checked through each route of the
 * direct API. The statements between the {@code glue} comments are everything a user writes to connect the library
 * to a route; the counts in the comments are their lines as formatted here.
 */
class HandwrittenLibraryTest {
    private final double[] x4 = Dense.random(4, 11);
    private final double[] x6 = Dense.random(6, 12);

    private static void assertFullyChecked(CheckReport r, int entries) {
        assertTrue(r.passed(), r.subject() + ": " + r.mismatches() + " " + r.findings());
        assertEquals(entries, r.checked(), r.subject());
    }

    @Test
    void scalarRouteChecksTheMlpLossWithRespectToItsInput() {
        // GIVEN an MLP 4 -> 5 -> 3 with softmax cross-entropy on class 1
        Mlp mlp = new Mlp(new Dense(4, 5, 1), new Dense(5, 3, 3));
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(1);
        // WHEN the loss is checked with respect to x (glue: 3 lines)
        CheckReport r = Gradcheck.scalar(x -> ce.loss(mlp.forward(x)),
                x -> { ce.loss(mlp.forward(x)); return mlp.backward(ce.backward()); },
                x4);
        // THEN all 4 entries of dL/dx agree
        assertFullyChecked(r, 4);
    }

    @Test
    void vjpRouteChecksEveryLayerWithRespectToItsInput() {
        // GIVEN the layers at random parameters (gamma != 1)
        Dense dense = new Dense(4, 3, 5);
        Tanh tanh = new Tanh();
        LayerNorm norm = new LayerNorm(Dense.random(6, 7), Dense.random(6, 8), false);
        Conv1D conv = new Conv1D(Dense.random(3, 9), 0.2);
        // WHEN each full Jacobian is checked through its backward (glue: 1 line per layer)
        List<CheckReport> reports = List.of(
                Gradcheck.vjp(dense::forward, (x, dy) -> { dense.forward(x); return dense.backward(dy); }, x4),
                Gradcheck.vjp(tanh::forward, (x, dy) -> { tanh.forward(x); return tanh.backward(dy); }, x4),
                Gradcheck.vjp(norm::forward, (x, dy) -> { norm.forward(x); return norm.backward(dy); }, x6),
                Gradcheck.vjp(conv::forward, (x, dy) -> { conv.forward(x); return conv.backward(dy); }, x6));
        // THEN every output agrees with respect to every input entry: 3x4, 4x4, 6x6 and 4x6 entries
        int[] entries = {12, 16, 36, 24};
        for (int k = 0; k < reports.size(); k++) {
            assertFullyChecked(reports.get(k), entries[k]);
        }
    }

    @Test
    void jvpRouteChecksTheLinearAndElementwiseLayers() {
        // GIVEN Dense, Tanh and Conv1D; their J u written with the library itself: W u is a bias-free Dense on u,
        // tanh's J is diagonal (J u = backward(u)), the convolution's J u is the bias-free convolution of u
        Dense dense = new Dense(4, 3, 5);
        Tanh tanh = new Tanh();
        Conv1D conv = new Conv1D(Dense.random(3, 9), 0.2);
        // WHEN each is checked through its jvp (glue: 1 line per layer)
        List<CheckReport> reports = List.of(
                Gradcheck.jvp(dense::forward, (x, u) -> new Dense(4, 3, dense.w, new double[3]).forward(u), x4),
                Gradcheck.jvp(tanh::forward, (x, u) -> { tanh.forward(x); return tanh.backward(u); }, x4),
                Gradcheck.jvp(conv::forward, (x, u) -> new Conv1D(conv.k, 0).forward(u), x6));
        // THEN every entry of each Jacobian agrees
        int[] entries = {12, 16, 24};
        for (int k = 0; k < reports.size(); k++) {
            assertFullyChecked(reports.get(k), entries[k]);
        }
    }

    @Test
    void jacobianRouteChecksDenseAndTanh() {
        // GIVEN Dense (J = W) and Tanh (J = diag(1 - y^2))
        Dense dense = new Dense(4, 3, 5);
        Tanh tanh = new Tanh();
        // WHEN their Jacobians are checked (glue: 3 lines for Dense, 3 for Tanh)
        CheckReport d = Gradcheck.jacobian(dense::forward, x -> new double[][] {
            java.util.Arrays.copyOfRange(dense.w, 0, 4), java.util.Arrays.copyOfRange(dense.w, 4, 8), java.util.Arrays.copyOfRange(dense.w, 8, 12)},
                x4);
        CheckReport t = Gradcheck.jacobian(tanh::forward, x -> {
            double[][] j = new double[4][4]; double[] y = tanh.forward(x); for (int i = 0; i < 4; i++) { j[i][i] = 1 - y[i] * y[i]; } return j; },
                x4);
        // THEN all 12 and 16 entries agree
        assertFullyChecked(d, 12);
        assertFullyChecked(t, 16);
    }

    @Test
    void layerRouteChecksInputAndEveryParameterAndLeavesTheLayerAlone() {
        // GIVEN the Dense and LayerNorm adapters (mutable, copying in withParameters; see DenseLayer: 45 lines of adapter)
        Dense dense = new Dense(4, 3, 5);
        double[] weightsBefore = dense.w.clone();
        // WHEN each is checked (glue: 1 line per layer, besides the adapter class)
        CheckReport d = Gradcheck.layer(new DenseLayer(dense), Tensor.vector(x4));
        CheckReport n = Gradcheck.layer(new LayerNormLayer(Dense.random(6, 7), Dense.random(6, 8), false), Tensor.vector(x6));
        // THEN all outputs agree with respect to input and parameters: 3 x (4 + 12 + 3) and 6 x (6 + 6 + 6) entries
        assertFullyChecked(d, 57);
        assertFullyChecked(n, 108);
        assertArrayEquals(weightsBefore, dense.w);
    }

    @Test
    void namedInputsRouteChecksTheMlpWithRespectToWeightsAndInput() {
        // GIVEN an MLP 4 -> 5 -> 3 and softmax cross-entropy on class 2
        Dense first = new Dense(4, 5, 1);
        Dense second = new Dense(5, 3, 3);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(2);
        // WHEN the loss is checked with respect to all weights and x (glue: 6 lines)
        CheckReport r = Gradcheck.of().input("w1", first.w).input("b1", first.b).input("w2", second.w).input("b2", second.b).input("x", x4)
                .scalar(a -> ce.loss(new Mlp(new Dense(4, 5, a[0], a[1]), new Dense(5, 3, a[2], a[3])).forward(a[4])), a -> {
                    Mlp m = new Mlp(new Dense(4, 5, a[0], a[1]), new Dense(5, 3, a[2], a[3]));
                    ce.loss(m.forward(a[4]));
                    double[] dx = m.backward(ce.backward());
                    return new double[][] {m.first.dw, m.first.db, m.second.dw, m.second.db, dx}; });
        // THEN every one of the 20 + 5 + 15 + 3 + 4 entries agrees
        assertFullyChecked(r, 47);
    }

    @Test
    void aLayerNormWhoseDxIgnoresGammaFailsThroughVjpAndLayerButNotAtGammaOne() {
        // GIVEN the buggy LayerNorm (dx from dy instead of dy * gamma), at random gamma and at gamma = 1
        double[] gamma = Dense.random(6, 7);
        double[] beta = Dense.random(6, 8);
        LayerNorm buggy = new LayerNorm(gamma, beta, true);
        // WHEN checked through vjp and layer, and through layer at gamma = 1
        CheckReport viaVjp = Gradcheck.vjp(buggy::forward, (x, dy) -> { buggy.forward(x); return buggy.backward(dy); }, x6);
        CheckReport viaLayer = Gradcheck.layer(new LayerNormLayer(gamma, beta, true), Tensor.vector(x6));
        CheckReport atOne = Gradcheck.layer(new LayerNormLayer(new double[] {1, 1, 1, 1, 1, 1}, beta, true), Tensor.vector(x6));
        // THEN both fail on input entries only (dgamma and dbeta are right), and the bug is invisible at gamma = 1
        assertFalse(viaVjp.passed());
        assertFalse(viaLayer.passed());
        for (Mismatch m : viaLayer.mismatches()) {
            assertTrue(m.location().endsWith("with respect to input"), m.location());
        }
        assertTrue(atOne.passed(), atOne.mismatches().toString());
    }
}
