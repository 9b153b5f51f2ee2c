package io.gradcheck4j.arbitraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.engine.losses.MeanSquaredError;
import io.gradcheck4j.mutants.Mutant;
import io.gradcheck4j.mutants.Mutants;
import io.gradcheck4j.tensor.Tensor;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * Shrinking a failing case, the way jqwik does after a falsified try (repeatedly take the first shrink
 * candidate that still fails), ends at the smallest network: one block 1 -> 1, batch 1, the first loss,
 * simple values.
 */
class ShrinkingProperties {
    private static final int MAX_STEPS = 2000;

    @Example
    void aNetworkWithAWrongTanhDerivativeShrinksToOneNeuronAndOneRow() {
        // GIVEN a big tanh network on which the planted bug tanh' = 1 - x^2 is detected
        Mutant mutant = Mutants.named("tanh-derivative-of-input");
        Predicate<NetworkCase> fails = c -> !GradientAssertions.check(mutant.plant().apply(c)).passed();
        MlpArbitrary arbitrary = Networks.mlps().activations(Tanh.TYPE).losses(HalfSquaredError.TYPE, MeanSquaredError.TYPE)
                .depth(1, 3).width(1, 4).batch(1, 4);
        RandomGenerator<NetworkCase> generator = arbitrary.generator(1000);
        Random random = new Random(42);
        Shrinkable<NetworkCase> failing = Stream.generate(() -> generator.next(random))
                .filter(s -> s.value().network().layers().size() >= 4 && s.value().batch() >= 2 && fails.test(s.value()))
                .findFirst().orElseThrow();

        // WHEN it is shrunk while it still fails
        Shrinkable<NetworkCase> shrunk = shrink(failing, fails);

        // THEN what is left is one affine 1 -> 1 with tanh, one row, the first loss, and small values (the bug
        // 1 - a^2 vs 1 - tanh^2(a) exceeds the tolerance only once |a| is about 0.2)
        NetworkCase c = shrunk.value();
        System.out.println("shrunk " + failing.value() + " to " + c + ": x = " + c.input() + ", " + c.network().parameters());
        assertTrue(fails.test(c));
        assertEquals(2, c.network().layers().size());
        assertEquals(1, c.network().parameters().get("layers.0.weight").size());
        assertEquals(1, c.batch());
        assertEquals(HalfSquaredError.TYPE, c.loss().type());
        assertEquals(Affine.TYPE, c.network().layers().get(0).type());
        assertTrue(shrunk.distance().compareTo(failing.distance()) < 0);
        double total = c.input().maxAbs();
        for (Tensor p : c.network().parameters().values()) {
            total += p.maxAbs();
        }
        assertTrue(total < 0.5, "values not simplified: " + c.network().parameters() + ", x = " + c.input());
    }

    private static <T> Shrinkable<T> shrink(Shrinkable<T> start, Predicate<T> fails) {
        Shrinkable<T> current = start;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Shrinkable<T>> smaller = current.shrink().filter(s -> fails.test(s.value())).findFirst();
            if (smaller.isEmpty()) {
                return current;
            }
            current = smaller.get();
        }
        return current;
    }
}
