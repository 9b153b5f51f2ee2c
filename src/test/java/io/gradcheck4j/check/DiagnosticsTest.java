package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private final SplittableRandom random = new SplittableRandom(3);
    private final Tensor x = RandomTensors.uniform(random, -1, 1, 2, 3);
    private final Tensor t = RandomTensors.uniform(random, 0, 1, 2, 2);
    private final Affine affine = new Affine(RandomTensors.uniform(random, -1, 1, 3, 2), RandomTensors.uniform(random, -1, 1, 2));
    private final GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(1));

    private CheckReport checkBehindAffine(Layer suspect) {
        return checker.check(new NetworkFunction(Network.of(affine, suspect), x, Objective.loss(new HalfSquaredError(), t)));
    }

    private static Finding only(CheckReport report, Finding.Kind kind) {
        List<Finding> found = report.findings().stream().filter(f -> f.kind() == kind).toList();
        assertEquals(1, found.size(), report.findings().toString());
        return found.get(0);
    }

    @Test
    void aCorrectNetworkHasNoFindings() {
        // GIVEN / WHEN a correct affine -> sigmoid network
        CheckReport report = checkBehindAffine(new Sigmoid());
        // THEN nothing is found and it passes
        assertEquals(List.of(), report.findings());
        assertTrue(report.passed());
    }

    @Test
    void aForwardThatWritesIntoItsInputIsNamed() {
        // GIVEN an identity layer that zeroes entry 0 of the array backing its input before reading it
        double[] shared = x.toArray();
        Tensor input = Tensor.wrap(shared, 2, 3);
        Layer inPlace = new Identityish("in-place") {
            @Override
            public Tensor forward(Tensor in) {
                shared[0] = 0;
                return in.map(v -> v);
            }
        };
        // WHEN checked as the first layer
        CheckReport report = checker.check(new NetworkFunction(Network.of(inPlace, affine), input, Objective.upstream(Tensor.filled(1, 2, 2))));
        // THEN INPUT_MUTATION names layer 0 and its input, and the check fails
        Finding f = only(report, Finding.Kind.INPUT_MUTATION);
        assertEquals("layer 0 (in-place) input", f.location());
        assertTrue(f.message().contains("index [0, 0]"), f.message());
        assertFalse(report.passed());
    }

    @Test
    void aBackwardThatWritesIntoItsArgumentsIsNamedPerArgument() {
        // GIVEN identities whose backward zeroes entry [0, 1] of the array behind x, y or dy (upstream gradient 1)
        // WHEN each is checked on its own
        Finding x1 = only(checkWritingBackward("clobbers-x", 0), Finding.Kind.INPUT_MUTATION);
        Finding y1 = only(checkWritingBackward("clobbers-y", 1), Finding.Kind.INPUT_MUTATION);
        Finding dy1 = only(checkWritingBackward("clobbers-dy", 2), Finding.Kind.INPUT_MUTATION);
        // THEN INPUT_MUTATION names the argument that changed and the entry
        assertEquals("layer 0 (clobbers-x) input", x1.location());
        assertTrue(x1.message().startsWith("backward changed its input x: index [0, 1] was "), x1.message());
        assertEquals("layer 0 (clobbers-y) output", y1.location());
        assertTrue(y1.message().startsWith("backward changed the output y it was given: index [0, 1] was "), y1.message());
        assertEquals("layer 0 (clobbers-dy) upstream gradient", dy1.location());
        assertEquals("backward changed the upstream gradient dy: index [0, 1] was 1.0000000000000000 before and 0.0000000000000000 after",
                dy1.message());
    }

    /**
     * Checks y = x (a fresh copy) with dx = dy whose backward zeroes entry [0, 1] of its argument number
     * {@code victim} (0: x, 1: y, 2: dy) through the arrays behind the tensors it was given.
     */
    private CheckReport checkWritingBackward(String type, int victim) {
        Map<Tensor, double[]> arrays = new IdentityHashMap<>();
        double[] xs = x.toArray();
        double[] ones = {1, 1, 1, 1, 1, 1};
        Tensor input = Tensor.wrap(xs, 2, 3);
        Tensor upstream = Tensor.wrap(ones, 2, 3);
        arrays.put(input, xs);
        arrays.put(upstream, ones);
        Layer layer = new Identityish(type) {
            @Override
            public Tensor forward(Tensor in) {
                double[] copy = in.toArray();
                Tensor y = Tensor.wrap(copy, in.shape());
                arrays.put(y, copy);
                return y;
            }

            @Override
            public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
                Tensor dx = Tensor.wrap(dy.toArray(), dy.shape());
                arrays.get(List.of(in, y, dy).get(victim))[1] = 0;
                return LayerGradients.ofInput(dx);
            }
        };
        return checker.check(NetworkFunction.ofLayer(layer, input, upstream));
    }

    @Test
    void aGradientForAParameterTheLayerDoesNotHaveIsNamed() {
        // GIVEN an affine whose backward also returns a gradient named "scale"
        Layer extra = new AffineWith(affine, g -> new LayerGradients(g.input(), Map.of(Affine.WEIGHT, g.parameters().get(Affine.WEIGHT),
                Affine.BIAS, g.parameters().get(Affine.BIAS), "scale", Tensor.vector(1))));
        // WHEN checked
        CheckReport report = checker.check(new NetworkFunction(Network.of(extra, new Sigmoid()), x, Objective.loss(new HalfSquaredError(), t)));
        // THEN UNEXPECTED_GRADIENT names it and the check fails, the real gradients still being compared (2 x 3 + 3 x 2 + 2)
        Finding f = only(report, Finding.Kind.UNEXPECTED_GRADIENT);
        assertEquals("layer 0 (wrapped affine) parameter scale", f.location());
        assertTrue(f.message().contains("[bias, weight]"), f.message());
        assertFalse(report.passed());
        assertEquals(0, report.failures());
        assertEquals(14, report.checked());
    }

    @Test
    void aNondeterministicForwardIsNamed() {
        // GIVEN a layer adding a counter-driven 1e-12 jitter (like an unseeded dropout, much smaller)
        AtomicLong calls = new AtomicLong();
        Layer jittery = new Identityish("jittery") {
            @Override
            public Tensor forward(Tensor in) {
                double jitter = 1e-12 * (calls.incrementAndGet() % 7);
                return in.map(v -> v + jitter);
            }
        };
        // WHEN checked
        CheckReport report = checkBehindAffine(jittery);
        // THEN NONDETERMINISTIC_FORWARD names layer 1
        assertEquals("layer 1 (jittery)", only(report, Finding.Kind.NONDETERMINISTIC_FORWARD).location());
        assertFalse(report.passed());
        // AND a tolerance above the jitter accepts it
        CheckReport tolerant = new GradientChecker(CheckOptions.defaults().withParallelism(1).withNondeterminismTolerance(1e-11))
                .check(new NetworkFunction(Network.of(affine, jittery), x, Objective.loss(new HalfSquaredError(), t)));
        assertTrue(tolerant.findings().stream().noneMatch(f -> f.kind() == Finding.Kind.NONDETERMINISTIC_FORWARD), tolerant.findings().toString());
    }

    @Test
    void aBackwardThatAccumulatesStateIsNotReentrant() {
        // GIVEN an identity whose backward scales by the number of calls (a gradient buffer never zeroed)
        AtomicLong calls = new AtomicLong();
        Layer accumulating = new Identityish("accumulating") {
            @Override
            public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy.scale(calls.incrementAndGet()));
            }
        };
        // WHEN checked
        CheckReport report = checkBehindAffine(accumulating);
        // THEN BACKWARD_NOT_REENTRANT names layer 1 and its input gradient
        Finding f = only(report, Finding.Kind.BACKWARD_NOT_REENTRANT);
        assertEquals("layer 1 (accumulating)", f.location());
        assertTrue(f.message().contains("the input gradient"), f.message());
    }

    @Test
    void aGradientOfTheWrongShapeIsAFindingNotACrash() {
        // GIVEN an affine whose weight gradient comes back transposed ([2, 3] for W [3, 2])
        Layer transposed = new AffineWith(affine, g -> new LayerGradients(g.input(),
                Map.of(Affine.WEIGHT, g.parameters().get(Affine.WEIGHT).transpose(), Affine.BIAS, g.parameters().get(Affine.BIAS))));
        // WHEN checked
        CheckReport report = checker.check(new NetworkFunction(Network.of(transposed, new Sigmoid()), x, Objective.loss(new HalfSquaredError(), t)));
        // THEN WRONG_GRADIENT_SHAPE names layer 0's weight and the check fails without comparing anything
        Finding f = only(report, Finding.Kind.WRONG_GRADIENT_SHAPE);
        assertEquals("layer 0 (wrapped affine) parameter weight", f.location());
        assertTrue(f.message().contains("[2, 3]") && f.message().contains("[3, 2]"), f.message());
        assertFalse(report.passed());
        assertEquals(0, report.checked());
    }

    @Test
    void aMissingGradientIsNamed() {
        // GIVEN an affine that forgets to return the bias gradient at all
        Layer forgetful = new AffineWith(affine, g -> new LayerGradients(g.input(), Map.of(Affine.WEIGHT, g.parameters().get(Affine.WEIGHT))));
        // WHEN checked
        CheckReport report = checker.check(new NetworkFunction(Network.of(forgetful), x, Objective.upstream(Tensor.filled(1, 2, 2))));
        // THEN MISSING_GRADIENT names the bias
        assertEquals("layer 0 (wrapped affine) parameter bias", only(report, Finding.Kind.MISSING_GRADIENT).location());
        assertFalse(report.passed());
    }

    @Test
    void nanInTheAnalyticGradientIsNamed() {
        // GIVEN an identity whose backward puts NaN in entry [1, 2] of dx
        Layer poisoned = new Identityish("poisoned") {
            @Override
            public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy.with(5, Double.NaN));
            }
        };
        // WHEN checked as the only layer
        CheckReport report = checker.check(NetworkFunction.ofLayer(poisoned, x, Tensor.filled(1, 2, 3)));
        // THEN NON_FINITE_ANALYTIC names the input and the entry, and the entry fails
        Finding f = only(report, Finding.Kind.NON_FINITE_ANALYTIC);
        assertEquals("input", f.location());
        assertTrue(f.message().contains("[1, 2]"), f.message());
        assertEquals(1, report.failures());
    }

    @Test
    void nanInTheNumericGradientIsNamed() {
        // GIVEN f(x) = sqrt(x) at x = 0 with the one-sided derivative claimed as 1 (f is NaN left of 0)
        CheckReport report = checker.check(new ScalarFunction(Math::sqrt, v -> 1, 0.0));
        // THEN NON_FINITE_NUMERIC names x and the entry fails
        assertEquals("x", only(report, Finding.Kind.NON_FINITE_NUMERIC).location());
        assertFalse(report.passed());
    }

    @Test
    void fastModeJudgesThePrecisionTrapAlongItsFirstProbe() {
        // GIVEN sin computed and rounded in float32, with the exact derivative cos
        NetworkFunction f = sinInFloat32();
        // WHEN checked in FAST mode
        CheckReport report = new GradientChecker(CheckOptions.defaults().fast(3)).check(f);
        // THEN the FLOAT_PRECISION warning names the input and the probe it was seen along
        Finding precision = only(report, Finding.Kind.FLOAT_PRECISION);
        assertEquals("input", precision.location());
        assertTrue(precision.message().contains("along projection probe 1 the central difference with step"), precision.message());
    }

    @Test
    void aFunctionComputedInFloat32IsAPrecisionTrapButCorrectGradientsStillPass() {
        // GIVEN sin computed and rounded in float32, with the exact derivative cos
        CheckReport report = checker.check(sinInFloat32());
        // THEN a FLOAT_PRECISION warning names the input; it is not an error
        Finding f = only(report, Finding.Kind.FLOAT_PRECISION);
        assertEquals("input", f.location());
        assertFalse(f.isError());
        // AND the error-aware rule, widened by the measured noise, does not call the correct gradient wrong
        assertEquals(0, report.failures(), report.mismatches().toString());
        // AND the default step's float32 noise sent every entry to the adaptive step search, whose larger step
        //     resolves it so well that even PyTorch's fixed rule passes it now
        assertEquals(report.checked(), report.adaptive(), report.tensors().toString());
        CheckReport torch = new GradientChecker(CheckOptions.defaults().withTolerance(Tolerance.pytorchDefault())).check(sinInFloat32());
        assertEquals(0, torch.failures(), torch.tensors().toString());
    }

    /** sin of 6 inputs in (-1, 1), computed and rounded in float32, with the exact derivative cos in backward. */
    private static NetworkFunction sinInFloat32() {
        DoubleUnaryOperator sin32 = v -> (float) Math.sin((float) v);
        Tensor values = RandomTensors.uniform(new SplittableRandom(5), -1, 1, 6);
        return NetworkFunction.ofLayer(new Identityish("sin-float32") {
            @Override
            public Tensor forward(Tensor in) {
                return in.map(sin32);
            }

            @Override
            public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(in.map(Math::cos).times(dy));
            }
        }, values.reshape(1, 6), Tensor.filled(1, 1, 6));
    }

    @Test
    void aDoublePrecisionFunctionIsNoPrecisionTrap() {
        // GIVEN the same sin in double
        CheckReport report = checker.check(new ScalarFunction(Math::sin, Math::cos, 0.4));
        // THEN no finding
        assertEquals(List.of(), report.findings());
    }

    /** y = x, dx = dy: a base for purpose-built faulty layers. */
    private abstract static class Identityish implements Layer {
        private final String type;

        Identityish(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Tensor forward(Tensor in) {
            return in;
        }

        @Override
        public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
            return LayerGradients.ofInput(dy);
        }
    }

    /** An affine layer whose gradients are rewritten by a function. */
    private record AffineWith(Affine affine, java.util.function.UnaryOperator<LayerGradients> rewrite) implements Layer {
        @Override
        public String type() {
            return "wrapped affine";
        }

        @Override
        public Map<String, Tensor> parameters() {
            return affine.parameters();
        }

        @Override
        public Tensor forward(Tensor in) {
            return affine.forward(in);
        }

        @Override
        public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
            return rewrite.apply(affine.backward(in, y, dy));
        }

        @Override
        public Layer withParameters(Map<String, Tensor> replacements) {
            return new AffineWith((Affine) affine.withParameters(replacements), rewrite);
        }
    }
}
