package io.gradcheck4j.readme;

import io.gradcheck4j.Gradcheck;
import io.gradcheck4j.arbitraries.GradientProperties;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

// README "Checking your own code", a jqwik property (verbatim from here on)
@GradientProperties
class SinProperties {
    @Property(seed = "42", tries = 200)
    void derivativeOfSinIsCosEverywhere(@ForAll @DoubleRange(min = -10, max = 10) double x) {
        Gradcheck.scalar(v -> Math.sin(v[0]), v -> new double[] {Math.cos(v[0])}, new double[] {x}).assertPassed();
    }
}
