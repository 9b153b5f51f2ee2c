package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The measured noise of f ({@link GradientChecker#noise}), probed along the first, middle and last entries. */
class NoiseTest {

    /** f(v) = sin(v[2]) computed in float32: it ignores v[0] and v[1], and is noisy along v[2]. */
    private static final Differentiable LAST_ENTRY_IN_FLOAT32 = new Differentiable() {
        private final Tensor v = Tensor.vector(0.3, -0.2, 0.4);

        @Override
        public String describe() {
            return "sin(v[2]) in float32";
        }

        @Override
        public List<Variable> variables() {
            return List.of(new Variable("v", "v", v));
        }

        @Override
        public Map<String, Tensor> analyticGradient() {
            return Map.of("v", Tensor.vector(0, 0, Math.cos(v.get(2))));
        }

        @Override
        public DoubleSupplier bind(String name, Tensor scratch) {
            return () -> (float) Math.sin((float) scratch.get(2));
        }
    };

    @Test
    void linesAlongWhichFIsConstantDoNotHideTheNoiseOfTheOthers() {
        // GIVEN f that ignores two of the three probed entries (first and middle) and rounds to float32 in the last
        Variable v = LAST_ENTRY_IN_FLOAT32.variables().get(0);
        // WHEN its noise is measured
        double noise = GradientChecker.withDefaults().noise(LAST_ENTRY_IN_FLOAT32, v);
        // THEN it is the float32 rounding seen along the last entry (an ulp of sin(0.4) in float32 is 3.0e-8; steps
        // of h/8 = 7.6e-7 move sin by less than 25 float ulps, so the fourth differences are a few ulps),
        // not the 0 of the two flat lines, which would be the median of all nine fourth differences
        assertTrue(noise > 1e-9 && noise < 1e-6, String.valueOf(noise));
        // AND a double-precision function of one entry would measure (almost) nothing
        assertEquals(0, GradientChecker.withDefaults().noise(new ScalarFunction(Math::sin, Math::cos, 0.4), new Variable("x", "x", Tensor.vector(0.4))), 1e-15);
    }
}
