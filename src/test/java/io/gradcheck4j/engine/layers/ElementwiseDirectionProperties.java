package io.gradcheck4j.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * An element-wise layer's probe along a direction u of its input, which recomputes g only where u is not 0 (and where
 * x is 0 or not finite), gives forward(x + t u) bit for bit: sparse directions (a segment of a FAST probe), -0.0 in x
 * and in u, NaN and infinite entries, steps of either sign.
 */
@GradientProperties
class ElementwiseDirectionProperties {

    @Property(seed = "20261203", tries = 300)
    void theDirectionProbeIsAForwardPassAtXPlusTU(@ForAll("layers") Elementwise layer, @ForAll("cases") Case c,
                                                 @ForAll("steps") double t) {
        // GIVEN x, a direction u of its shape (many entries 0 or -0.0) and y = forward(x)
        Tensor x = Tensor.wrap(c.x(), 1, c.x().length);
        Tensor u = Tensor.wrap(c.u(), 1, c.u().length);
        Tensor y = layer.forward(x);
        // WHEN the layer's direction probe is evaluated at t, with y given and without
        DirectionProbe given = layer.probeInputDirection(x, y, u);
        DirectionProbe own = layer.probeInputDirection(x, u);
        // THEN both are forward(x + t u), bit for bit
        long[] expected = bits(layer.forward(x.plusScaled(t, u)));
        assertArrayEquals(expected, bits(given.forwardAt(t)), layer.type() + " at t = " + t + ", x = " + Arrays.toString(c.x()));
        assertArrayEquals(expected, bits(own.forwardAt(t)), layer.type());
        // AND the probe left x, u and y as they were
        assertEquals(Arrays.toString(c.x()), Arrays.toString(x.toArray()));
        assertEquals(Arrays.toString(c.u()), Arrays.toString(u.toArray()));
        assertArrayEquals(bits(layer.forward(x)), bits(y));
    }

    private static long[] bits(Tensor t) {
        return Arrays.stream(t.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** x and a direction u of the same length. */
    record Case(double[] x, double[] u) {
    }

    @Provide
    Arbitrary<Elementwise> layers() {
        return Arbitraries.of(new Identity(), new Sigmoid(), new Tanh(), new ReLU(), new Softplus(), new GELU(), new LeakyReLU(0.01));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Double> xs = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.doubles().between(-5, 5)),
                Tuple.of(1, Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-310)));
        Arbitrary<Double> us = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0.0)),
                Tuple.of(1, Arbitraries.just(-0.0)),
                Tuple.of(4, Arbitraries.doubles().between(-1, 1)));
        return Arbitraries.integers().between(1, 24).flatMap(n -> Combinators.combine(
                xs.array(double[].class).ofSize(n), us.array(double[].class).ofSize(n)).as(Case::new));
    }

    @Provide
    Arbitrary<Double> steps() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-0.1, 0.1), Arbitraries.of(0.0, -0.0, 6.0554544523933395e-6, -1e-300));
    }
}
