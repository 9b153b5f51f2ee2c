package io.gradcheck4j.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.Gradcheck;
import io.gradcheck4j.check.CheckAborted;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layer route: the full Jacobian of a layer with respect to its input and every parameter. */
class LayerFunctionTest {
    private static final Tensor X = Tensor.matrix(new double[] {0.5, -1.0, 2.0}, new double[] {1.5, 0.3, -0.7});

    /** y = s x with a cache of x in an object shared by every instance its withParameters makes. */
    private static final class SharedCache implements Layer {
        private final double[][] cache;
        private final double s;
        private final double extra;

        SharedCache(double[][] cache, double s, double extra) {
            this.cache = cache;
            this.s = s;
            this.extra = extra;
        }

        @Override
        public String type() {
            return "shared-cache";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of("s", Tensor.vector(s));
        }

        @Override
        public Tensor forward(Tensor x) {
            cache[0] = x.toArray();
            return x.scale(s);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            double ds = dy.dot(Tensor.of(cache[0], x.shape())) + extra;
            return new LayerGradients(dy.scale(s), Map.of("s", Tensor.vector(ds)));
        }

        @Override
        public Layer withParameters(Map<String, Tensor> p) {
            return new SharedCache(cache, p.get("s").item(), extra);
        }
    }

    @Test
    void anAffineLayerPassesOnItsWholeJacobian() {
        // GIVEN affine 3 -> 2 on a batch of 2 (y is 2x2)
        Affine affine = new Affine(Tensor.matrix(new double[] {0.2, -0.4}, new double[] {0.9, 0.1}, new double[] {-0.5, 0.6}),
                Tensor.vector(0.1, -0.2));
        // WHEN its Jacobian is checked
        CheckReport report = Gradcheck.layer(affine, X);
        // THEN every one of the 4 outputs agrees with respect to the 6 inputs, 6 weights and 2 biases
        assertTrue(report.passed(), report.mismatches() + " " + report.findings());
        assertEquals(4 * (6 + 6 + 2), report.checked());
        assertEquals("output [1, 0] with respect to parameter weight", report.tensors().get(3 * 2 + 1).location());
    }

    @Test
    void aLayerSharingOneMutableCacheAcrossInstancesPasses() {
        // GIVEN the shared-cache layer (every instance writes x into one array), declared nothing
        SharedCache layer = new SharedCache(new double[1][], 1.7, 0);
        // WHEN checked in FULL and FAST mode with 4 threads offered
        CheckReport full = Gradcheck.layer(layer, X, CheckOptions.defaults().withParallelism(4));
        CheckReport fast = Gradcheck.layer(layer, X, CheckOptions.defaults().withParallelism(4).fast(3));
        // THEN both pass: it is evaluated on one thread, each backward right after its own forward
        assertTrue(full.passed(), full.mismatches() + " " + full.findings());
        assertEquals(6 * (6 + 1), full.checked());
        assertTrue(fast.passed(), fast.mismatches() + " " + fast.findings());
    }

    @Test
    void aWrongParameterGradientIsNamedByOutputAndParameter() {
        // GIVEN the shared-cache layer whose ds is off by 0.01
        SharedCache layer = new SharedCache(new double[1][], 1.7, 0.01);
        // WHEN checked
        CheckReport report = Gradcheck.layer(layer, X);
        // THEN every output fails with respect to s (ds/ds_i = x_i, analytic x_i + 0.01), the input passes
        assertEquals(6, report.failures());
        Mismatch first = report.mismatches().get(0);
        assertEquals("output [0, 0] with respect to parameter s", first.location());
        assertEquals(0.5 + 0.01, first.analytic(), 1e-15);
        assertEquals(0.5, first.numeric(), 1e-8);
    }

    @Test
    void aReluAtItsKinkIsNonDifferentiableNotWrong() {
        // GIVEN ReLU at x with one entry exactly 0
        Tensor x = Tensor.vector(0.0, 1.0, -2.0);
        // WHEN checked
        CheckReport report = Gradcheck.layer(new ReLU(), x);
        // THEN it passes; input entry 0 flips the layer's branch pattern, so it is non-differentiable for each of the
        // 3 outputs (the pattern is the layer's as a whole); the 6 other entries agree
        assertTrue(report.passed(), report.mismatches().toString());
        assertEquals(3, report.nonDifferentiable());
        for (Mismatch kink : report.kinks()) {
            assertEquals(0, kink.index()[0], kink.message());
        }
        assertEquals("output [0] with respect to input", report.kinks().get(0).location());
    }

    @Test
    void gradientsUnderNamesTheLayerLacksOrMissingOnesFail() {
        // GIVEN a layer returning its gradient under "scale" instead of "s", and one returning none for s
        Layer misnamed = new SharedCache(new double[1][], 2, 0);
        Layer renamed = wrap(misnamed, "scale");
        Layer missing = wrap(misnamed, null);
        // WHEN checked
        CheckReport a = Gradcheck.layer(renamed, X);
        CheckReport b = Gradcheck.layer(missing, X);
        // THEN both fail with findings naming parameter s, and compare nothing
        for (CheckReport r : new CheckReport[] {a, b}) {
            assertFalse(r.passed());
            assertEquals(0, r.checked());
            assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.MISSING_GRADIENT && f.message().contains("parameter s")),
                    r.findings().toString());
        }
        assertTrue(a.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.UNEXPECTED_GRADIENT && f.message().contains("scale")));
    }

    @Test
    void aThrowingForwardAbortsNamingTheLayer() {
        // GIVEN a layer whose forward throws
        Layer broken = new Layer() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public Tensor forward(Tensor x) {
                throw new IllegalStateException("no cache yet");
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy);
            }
        };
        // WHEN / THEN the check aborts with the layer and the cause in one line
        CheckAborted e = assertThrows(CheckAborted.class, () -> Gradcheck.layer(broken, X));
        assertEquals("layer broken: forward threw java.lang.IllegalStateException: no cache yet", e.getMessage());
    }

    @Test
    void anEmptyInputIsRejected() {
        // GIVEN / WHEN / THEN an input of shape [0, 3] is one clear error, not a pass
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gradcheck.layer(new ReLU(), Tensor.zeros(0, 3)));
        assertTrue(e.getMessage().contains("input is empty"), e.getMessage());
    }

    /** {@code layer} with the gradient of s returned under {@code name} (null: left out). */
    private static Layer wrap(Layer layer, String name) {
        return new Layer() {
            @Override
            public String type() {
                return layer.type();
            }

            @Override
            public Map<String, Tensor> parameters() {
                return layer.parameters();
            }

            @Override
            public Tensor forward(Tensor x) {
                return layer.forward(x);
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                LayerGradients g = layer.backward(x, y, dy);
                return new LayerGradients(g.input(), name == null ? Map.of() : Map.of(name, g.parameters().get("s")));
            }

            @Override
            public Layer withParameters(Map<String, Tensor> p) {
                return wrap(layer.withParameters(p), name);
            }
        };
    }
}
