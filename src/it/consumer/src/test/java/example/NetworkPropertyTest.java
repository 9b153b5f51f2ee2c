package example;

import io.gradcheck4j.arbitraries.GradientAssertions;
import io.gradcheck4j.arbitraries.NetworkCase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A jqwik property on the library's generated networks, run by the jqwik engine next to JUnit Jupiter. */
class NetworkPropertyTest {

    @Property(seed = "42", tries = 10)
    void backpropMatchesFiniteDifferences(@ForAll NetworkCase c) {
        // GIVEN a generated network, input and loss  WHEN its gradients are checked  THEN they match
        GradientAssertions.assertGradientsMatch(c);
    }
}
