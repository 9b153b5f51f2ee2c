package io.gradcheck4j.readme;

import io.gradcheck4j.Gradcheck;
import org.junit.jupiter.api.Test;

// README "Checking your own code", a JUnit 5 test (verbatim from here on)
class SinTest {
    @Test
    void derivativeOfSinIsCos() {
        // GIVEN sin with cos as its derivative; WHEN checked at 0.3; THEN it passes (assertPassed throws otherwise)
        Gradcheck.scalar(x -> Math.sin(x[0]), x -> new double[] {Math.cos(x[0])}, new double[] {0.3}).assertPassed();
    }
}
