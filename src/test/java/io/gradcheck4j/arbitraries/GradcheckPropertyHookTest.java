package io.gradcheck4j.arbitraries;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.losses.MeanSquaredError;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;
import org.junit.jupiter.api.Test;

/** A failed property's message carries its seed and the shrunk case as fixture JSON. */
class GradcheckPropertyHookTest {

    @Test
    void theFailureMessageHoldsTheSeedAndTheShrunkCaseAsAFixture() {
        // GIVEN a failed result with seed 12345 whose shrunk sample is a network case
        NetworkCase c = new NetworkCase(Network.of(new Affine(Tensor.matrix(new double[] {0.5}), Tensor.vector(0.0))),
                Tensor.matrix(new double[] {1}), new MeanSquaredError(), Tensor.matrix(new double[] {0}));
        PropertyExecutionResult result = new FailedResult("12345", List.of(c), new AssertionError("gradients differ"));

        // WHEN the hook describes it
        String message = GradcheckPropertyHook.failureMessage("MyProperties:myGradientProperty", result);

        // THEN the seed, a fixture named after the property, and the cause are all there
        assertTrue(message.contains("failed with seed 12345"), message);
        assertTrue(message.contains("-Dgradcheck4j.seed=12345"), message);
        assertTrue(message.contains("fixtures/regression-my-properties-my-gradient-property.json"), message);
        assertTrue(message.matches("(?s).*\"kind\"\\s*:\\s*\"network\".*"), message);
        assertTrue(message.contains("cause: gradients differ"), message);
    }

    @Test
    void theFixtureIsPrintedOnceWhenTheCauseAlreadyCarriesOne() {
        // GIVEN a failure whose cause is GradientAssertions' message (which ends with its own fixture)
        NetworkCase c = new NetworkCase(Network.of(new Affine(Tensor.matrix(new double[] {0.5}), Tensor.vector(0.0))),
                Tensor.matrix(new double[] {1}), new MeanSquaredError(), Tensor.matrix(new double[] {0}));
        String cause = "gradients differ\n" + GradientAssertions.FIXTURE_HEADER + "\n{\"kind\": \"network\"}";
        PropertyExecutionResult result = new FailedResult("7", List.of(c), new AssertionError(cause));

        // WHEN the hook describes it
        String message = GradcheckPropertyHook.failureMessage("P:p", result);

        // THEN the JSON appears once, from the hook
        assertTrue(message.contains("cause: gradients differ"), message);
        assertTrue(message.indexOf("\"kind\"") == message.lastIndexOf("\"kind\""), message);
    }

    /** A FAILED result; only the accessors the hook reads return data. */
    private record FailedResult(String seedValue, List<Object> parameters, Throwable error)
            implements PropertyExecutionResult, ShrunkFalsifiedSample {
        @Override
        public Optional<String> seed() {
            return Optional.of(seedValue);
        }

        @Override
        public Optional<List<Object>> falsifiedParameters() {
            return Optional.of(parameters);
        }

        @Override
        public Status status() {
            return Status.FAILED;
        }

        @Override
        public Optional<Throwable> throwable() {
            return Optional.of(error);
        }

        @Override
        public int countChecks() {
            return 1;
        }

        @Override
        public int countTries() {
            return 1;
        }

        @Override
        public Optional<FalsifiedSample> originalSample() {
            return Optional.of(this);
        }

        @Override
        public Optional<ShrunkFalsifiedSample> shrunkSample() {
            return Optional.of(this);
        }

        @Override
        public PropertyExecutionResult mapTo(Status newStatus, Throwable newThrowable) {
            return new FailedResult(seedValue, parameters, newThrowable);
        }

        @Override
        public List<Shrinkable<Object>> shrinkables() {
            return List.of();
        }

        @Override
        public Optional<Throwable> falsifyingError() {
            return Optional.of(error);
        }

        @Override
        public List<String> footnotes() {
            return List.of();
        }

        @Override
        public int countShrinkingSteps() {
            return 0;
        }
    }
}
