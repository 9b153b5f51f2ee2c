package io.gradcheck4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.engine.layers.ReLU;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each check of the battery fails on a layer that breaks exactly its rule, and passes on a correct one. */
class LayerChecksTest {

    /** Which checks fail for the bare layer class {@code layer} on [2, 3] inputs. */
    private static Set<String> failingChecks(java.util.function.Supplier<Layer> layer) {
        List<BatteryResult> results = LayerChecks.withDefaults().run(new LayerClassType(layer, 2, 3), 5L);
        return results.stream().filter(r -> !r.passed()).map(BatteryResult::check).collect(Collectors.toSet());
    }

    @Test
    void aCorrectLayerPassesEveryCheck() {
        // GIVEN softplus with dy/dx = sigmoid(x)
        // WHEN the battery runs
        Set<String> failing = failingChecks(TestSoftplus::new);

        // THEN nothing fails
        assertTrue(failing.isEmpty(), failing.toString());
    }

    @Test
    void aWrongDerivativeFailsOnlyTheFiniteDifferenceCheck() {
        // GIVEN softplus whose backward uses softplus(x) itself instead of sigmoid(x)
        Layer wrong = new Softplus() {
            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(y.times(dy));
            }
        };

        // WHEN the battery runs
        Set<String> failing = failingChecks(() -> wrong);

        // THEN exactly the gradient check fails
        assertEquals(Set.of(LayerChecks.GRADIENTS), failing);
    }

    @Test
    void aBackwardWithHiddenStateIsNotReentrant() {
        // GIVEN a layer y = x whose backward scales by how often it ran (1, 2, 3, ...)
        Layer counting = new Identity() {
            private int calls;

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                calls++;
                return LayerGradients.ofInput(dy.scale(calls));
            }
        };

        // WHEN the battery runs
        Set<String> failing = failingChecks(() -> counting);

        // THEN the re-entrancy check fails
        assertTrue(failing.contains(LayerChecks.REENTRANT), failing.toString());
    }

    @Test
    void aGradientWithAConstantTermFailsTheZeroUpstreamCheck() {
        // GIVEN y = x with backward dx = dy + 0: written as dy + 1e-12 (an off-by-a-constant bug too small for finite differences)
        Layer offset = new Identity() {
            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy.map(g -> g + 1e-12));
            }
        };

        // WHEN the battery runs
        Set<String> failing = failingChecks(() -> offset);

        // THEN only the zero-upstream check notices
        assertEquals(Set.of(LayerChecks.ZERO_UPSTREAM), failing);
    }

    @Test
    void aTransposedInputGradientFailsTheShapeCheck() {
        // GIVEN y = x with backward returning dy transposed
        Layer transposed = new Identity() {
            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy.transpose());
            }
        };

        // WHEN the battery runs
        List<BatteryResult> results = LayerChecks.withDefaults().run(new LayerClassType(() -> transposed, 2, 3), 5L);

        // THEN the shape check names the mismatch
        BatteryResult shapes = results.stream().filter(r -> r.check().equals(LayerChecks.SHAPES)).findFirst().orElseThrow();
        assertFalse(shapes.passed());
        assertTrue(shapes.detail().contains("[3, 2]"), shapes.detail());
    }

    @Test
    void aGradientForAParameterTheLayerDoesNotHaveFailsOnlyTheShapeCheck() {
        // GIVEN y = x (no parameters) whose backward also returns a gradient for a parameter "ghost"
        Layer ghost = new Identity() {
            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return new LayerGradients(dy, java.util.Map.of("ghost", Tensor.vector(0)));
            }
        };

        // WHEN the battery runs
        List<BatteryResult> results = LayerChecks.withDefaults().run(new LayerClassType(() -> ghost, 2, 3), 5L);

        // THEN exactly the shape check fails, naming the parameter
        Set<String> failing = results.stream().filter(r -> !r.passed()).map(BatteryResult::check).collect(Collectors.toSet());
        assertEquals(Set.of(LayerChecks.SHAPES), failing);
        BatteryResult shapes = results.stream().filter(r -> !r.passed()).findFirst().orElseThrow();
        assertTrue(shapes.detail().startsWith("UNEXPECTED_GRADIENT at layer 0 (softplus_variant) parameter ghost: "), shapes.detail());
    }

    @Test
    void aBackwardThatWritesIntoTheUpstreamGradientFailsTheNoMutationCheck() {
        // GIVEN y = x whose backward zeroes entry [0, 2] of the upstream gradient u = 1 after copying it into dx
        double[] ones = {1, 1, 1};
        Tensor upstream = Tensor.wrap(ones, 1, 3);
        Layer clobbering = new Identity() {
            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                Tensor dx = Tensor.wrap(dy.toArray(), dy.shape());
                if (dy == upstream) {
                    ones[2] = 0;
                }
                return LayerGradients.ofInput(dx);
            }
        };
        LayerSample sample = new LayerSample("writes into dy", clobbering, Tensor.matrix(new double[] {0.5, -1, 2}));

        // WHEN the no-mutation check of the battery runs
        BatteryResult result = LayerChecks.withDefaults().checks("softplus_variant", sample, upstream).stream()
                .filter(c -> c.check().equals(LayerChecks.NO_MUTATION)).findFirst().orElseThrow().run();

        // THEN it fails, naming dy and the entry
        assertFalse(result.passed());
        assertTrue(result.detail().startsWith("INPUT_MUTATION at layer 0 (softplus_variant) upstream gradient: "
                + "backward changed the upstream gradient dy: index [0, 2] was 1.0000000000000000 before and 0.0000000000000000 after"),
                result.detail());
    }

    @Test
    void aLayerRebuiltWithDifferentParametersFailsTheRoundTrip() {
        // GIVEN a layer y = x * s whose withParameters ignores the given s and doubles it
        Layer scaled = new ScaledIdentity(1.5);

        // WHEN the battery runs
        Set<String> failing = failingChecks(() -> scaled);

        // THEN the round trip fails (and so do the finite differences, which perturb s through withParameters)
        assertEquals(Set.of(LayerChecks.ROUND_TRIP, LayerChecks.GRADIENTS), failing);
    }

    @Test
    void entriesAtAKinkAreNotCountedButTheOthersStillAre() {
        // GIVEN ReLU on an input with one entry exactly at its kink 0 (numeric 0.5 there, analytic 0)
        Tensor x = Tensor.matrix(new double[] {0.0, 1.5, -2.0});
        LayerSample atKink = new LayerSample("one entry at the kink", new ReLU(), x);
        Layer unmasked = new Layer() {
            @Override
            public String type() {
                return ReLU.TYPE;
            }

            @Override
            public Tensor forward(Tensor in) {
                return new ReLU().forward(in);
            }

            @Override
            public LayerGradients backward(Tensor in, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy);
            }

            @Override
            public int[] branchPattern(Tensor in) {
                return new ReLU().branchPattern(in);
            }
        };

        // WHEN the gradient check of the battery runs on the correct ReLU and on one that forgets the mask
        BatteryResult correct = gradientCheck(atKink);
        BatteryResult wrong = gradientCheck(new LayerSample("one entry at the kink", unmasked, x));

        // THEN the correct one passes, naming the kinked entry, and the wrong one fails on the entry at -2
        assertTrue(correct.passed(), correct.detail());
        assertTrue(correct.detail().contains("1 entry straddles a kink"), correct.detail());
        assertFalse(wrong.passed());
        assertTrue(wrong.detail().contains("index [0, 2]"), wrong.detail());
        assertFalse(wrong.detail().contains("index [0, 0]"), wrong.detail());
    }

    @Test
    void aLayerTypeWithoutSamplesFailsSayingNothingWasChecked() {
        // GIVEN a layer type whose samples are an empty list
        LayerType empty = type(false, List.of());

        // WHEN the battery runs, and when it runs as cases of a run
        List<BatteryResult> results = LayerChecks.withDefaults().run(empty, 5L);
        List<CaseResult> cases = LayerChecks.withDefaults().cases(empty, 5L);

        // THEN one failed result and one failed case, each saying what was empty
        assertEquals(1, results.size());
        assertFalse(results.get(0).passed());
        assertEquals("FAIL " + LayerChecks.SAMPLES + " [empty_type]: nothing was checked: the layer type drew no samples", results.get(0).line());
        assertEquals(1, cases.size());
        assertFalse(cases.get(0).passed());
        assertEquals(List.of("empty_type: could not be checked: nothing was checked: the layer type drew no samples"), cases.get(0).problems());
    }

    @Test
    void gradientsOnlyUnderNamesTheLayerLacksFailTheGradientCheck() {
        // GIVEN a type with integer input (only parameters are compared) whose backward names the gradient of s "S"
        Layer layer = new Layer() {
            @Override
            public String type() {
                return "empty_type";
            }

            @Override
            public java.util.Map<String, Tensor> parameters() {
                return java.util.Map.of("s", Tensor.vector(2));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x.scale(2);
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return new LayerGradients(dy.scale(2), java.util.Map.of("S", Tensor.vector(x.dot(dy))));
            }
        };
        LayerType type = type(true, List.of(new LayerSample("misnamed", layer, Tensor.filled(1.0, 2, 3))));

        // WHEN the battery runs
        List<BatteryResult> results = LayerChecks.withDefaults().run(type, 5L);

        // THEN the gradient check fails, saying that nothing was compared (today it said "0 entries match")
        BatteryResult gradients = results.stream().filter(r -> r.check().equals(LayerChecks.GRADIENTS)).findFirst().orElseThrow();
        assertFalse(gradients.passed());
        assertEquals("nothing was checked: no tensor was compared", gradients.detail());
    }

    /** A layer type named empty_type with the given samples. */
    private static LayerType type(boolean integerInput, List<LayerSample> samples) {
        return new LayerType() {
            @Override
            public String name() {
                return "empty_type";
            }

            @Override
            public boolean hasKinks() {
                return false;
            }

            @Override
            public boolean integerInput() {
                return integerInput;
            }

            @Override
            public Layer create(java.util.Map<String, Tensor> parameters, java.util.Map<String, Object> options) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<LayerSample> samples(java.util.random.RandomGenerator random) {
                return samples;
            }
        };
    }

    private static BatteryResult gradientCheck(LayerSample sample) {
        Tensor upstream = Tensor.filled(1.0, 1, 3);
        return LayerChecks.withDefaults().checks(sample.layer().type(), sample, upstream).stream()
                .filter(c -> c.check().equals(LayerChecks.GRADIENTS)).findFirst().orElseThrow().run();
    }

    /** Softplus, open for the faulty variants above. */
    private static class Softplus implements Layer {
        @Override
        public String type() {
            return "softplus_variant";
        }

        @Override
        public Tensor forward(Tensor x) {
            return new TestSoftplus().forward(x);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return new TestSoftplus().backward(x, y, dy);
        }
    }

    /** y = x, for variants that get only their backward wrong. */
    private abstract static class Identity extends Softplus {
        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    /** y = s x with parameter s [1]; withParameters wrongly doubles the new s. */
    private record ScaledIdentity(double s) implements Layer {
        @Override
        public String type() {
            return "scaled_identity";
        }

        @Override
        public java.util.Map<String, Tensor> parameters() {
            return java.util.Map.of("s", Tensor.vector(s));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.scale(s);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return new LayerGradients(dy.scale(s), java.util.Map.of("s", Tensor.vector(x.dot(dy))));
        }

        @Override
        public Layer withParameters(java.util.Map<String, Tensor> replacements) {
            return new ScaledIdentity(2 * replacements.getOrDefault("s", Tensor.vector(s)).get(0));
        }
    }
}
