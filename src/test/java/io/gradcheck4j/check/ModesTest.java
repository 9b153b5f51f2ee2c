package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.mutants.Mutants;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class ModesTest {

    /** y = x with dx = dy except at one flat entry, where dx is off by 1. */
    private static Layer wrongAt(int entry) {
        return new Layer() {
            @Override
            public String type() {
                return "wrong-at-" + entry;
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
                return LayerGradients.ofInput(dy.with(entry, dy.get(entry) + 1));
            }
        };
    }

    @Test
    void sampledModeAlwaysChecksTheLargestAnalyticEntry() {
        // GIVEN J = sum(x * u) on 1000 entries with u's largest value 5 at flat 537, where the rule is off by 1
        Tensor u = RandomTensors.uniform(new SplittableRandom(1), -1, 1, 10, 100).with(537, 5);
        NetworkFunction f = NetworkFunction.ofLayer(wrongAt(537), Tensor.zeros(10, 100), u);
        // WHEN 5 entries are sampled
        CheckReport report = new GradientChecker(CheckOptions.defaults().sampled(5)).check(f);
        // THEN the wrong entry [5, 37] is among them (a uniform sample would miss it 995 times in 1000)
        TensorReport input = report.tensors().get(0);
        assertEquals(5, input.checked());
        assertEquals("sampled 5 of 1000", input.method());
        assertEquals(1, input.failures());
        assertArrayEquals(new int[] {5, 37}, input.mismatches().get(0).index());
    }

    @Test
    void sampledModeAlwaysChecksTheFirstAndLastEntries() {
        // GIVEN rules wrong only at the first and only at the last of 1000 entries (u bounded away from them)
        Tensor u = RandomTensors.uniform(new SplittableRandom(2), 0.5, 1, 10, 100);
        for (int entry : new int[] {0, 999}) {
            NetworkFunction f = NetworkFunction.ofLayer(wrongAt(entry), Tensor.zeros(10, 100), u.with(entry, 0.75));
            // WHEN 4 entries are sampled
            CheckReport report = new GradientChecker(CheckOptions.defaults().sampled(4)).check(f);
            // THEN the wrong entry is caught
            assertEquals(1, report.failures(), "entry " + entry);
        }
    }

    @Test
    void sampledModeIsDeterministicAcrossThreadCountsAndSeeded() {
        // GIVEN a 20 x 30 affine network
        SplittableRandom r = new SplittableRandom(4);
        NetworkFunction f = new NetworkFunction(Network.of(new Affine(RandomTensors.uniform(r, -1, 1, 20, 30), RandomTensors.uniform(r, -1, 1, 30)), new Tanh()),
                RandomTensors.uniform(r, -1, 1, 5, 20), Objective.upstream(RandomTensors.uniform(r, -1, 1, 5, 30)));
        CheckOptions sampled = CheckOptions.defaults().sampled(25);
        // WHEN sampled with 1 and 3 threads, and with another seed
        CheckReport one = new GradientChecker(sampled.withParallelism(1)).check(f);
        CheckReport three = new GradientChecker(sampled.withParallelism(3)).check(f);
        CheckReport otherSeed = new GradientChecker(sampled.withSeed(12345)).check(f);
        // THEN the same seed gives the same report, another seed checks as many entries (but others)
        assertEquals(one, three);
        assertEquals(one.checked(), otherSeed.checked());
        assertEquals(25 * 3, one.checked());
        assertTrue(one.passed() && otherSeed.passed());
    }

    @Test
    void fastModeNeedsTheSameNumberOfEvaluationsWhateverTheSize() {
        // GIVEN the same correct network shape at two sizes, wrapped to count evaluations of f
        Counting small = new Counting(network(2, 3, 7));
        Counting large = new Counting(network(40, 50, 8));
        // WHEN checked in FAST mode
        CheckReport s = new GradientChecker(CheckOptions.defaults().fast(3)).check(small);
        CheckReport l = new GradientChecker(CheckOptions.defaults().fast(3)).check(large);
        // THEN both pass with 3 probes per tensor, and the number of evaluations does not grow with 2,000+ parameters
        assertTrue(s.passed() && l.passed(), l.toString());
        assertEquals(List.of(3, 3, 3), l.tensors().stream().map(TensorReport::checked).toList());
        assertEquals(small.evaluations.get(), large.evaluations.get());
        // (a probe that passes at the tensor's noise measures no noise along its own line)
        assertTrue(large.evaluations.get() < 200, String.valueOf(large.evaluations.get()));
    }

    @Test
    void fastModeFailureIsLocatedByAFullReCheck() {
        // GIVEN the sign-flipped affine dx mutant planted into an affine 3 -> 3, tanh network on a batch of 3
        SplittableRandom r = new SplittableRandom(9);
        NetworkCase c = new NetworkCase(Network.of(new Affine(RandomTensors.uniform(r, -1, 1, 3, 3), RandomTensors.uniform(r, -1, 1, 3)), new Tanh()),
                RandomTensors.uniform(r, -1, 1, 3, 3), new HalfSquaredError(), RandomTensors.uniform(r, -1, 1, 3, 3));
        NetworkFunction f = Mutants.named("affine-input-gradient-sign-flipped").plant().apply(c).function();
        // WHEN checked in FAST mode
        CheckReport report = new GradientChecker(CheckOptions.defaults().fast(3)).check(f);
        // THEN the input tensor fails, re-checked entry by entry (9 entries, named), the parameters pass with 3 probes
        assertFalse(report.passed());
        TensorReport input = report.tensors().get(0);
        assertTrue(input.method().startsWith("fast: probe 1 of 3 failed, full re-check"), input.method());
        assertEquals(9, input.checked());
        assertEquals(2, input.mismatches().get(0).index().length);
        assertEquals("fast: 3 probes", report.tensors().get(1).method());
    }

    @Test
    void fastModeGivesTheSameReportWhateverTheThreadCount() {
        // GIVEN a 64 -> 64 tanh network on a batch of 3 (4,160 parameters and 192 inputs: past the 4,096 entries
        // from which FAST runs its tensors and probes on the worker pool), correct and with dx sign-flipped
        SplittableRandom r = new SplittableRandom(21);
        NetworkCase c = new NetworkCase(Network.of(new Affine(RandomTensors.uniform(r, -1, 1, 64, 64), RandomTensors.uniform(r, -1, 1, 64)), new Tanh()),
                RandomTensors.uniform(r, -1, 1, 3, 64), new HalfSquaredError(), RandomTensors.uniform(r, -1, 1, 3, 64));
        NetworkFunction correct = c.function();
        NetworkFunction mutant = Mutants.named("affine-input-gradient-sign-flipped").plant().apply(c).function();
        for (NetworkFunction f : List.of(correct, mutant)) {
            // WHEN checked in FAST mode on 1, 2 and 3 threads
            CheckReport one = new GradientChecker(CheckOptions.defaults().fast(3).withParallelism(1)).check(f);
            CheckReport two = new GradientChecker(CheckOptions.defaults().fast(3).withParallelism(2)).check(f);
            CheckReport three = new GradientChecker(CheckOptions.defaults().fast(3).withParallelism(3)).check(f);
            // THEN the reports are equal
            assertEquals(one, two);
            assertEquals(one, three);
        }
        // AND the correct network passes with 3 probes per tensor, the mutant's input is re-checked entry by entry
        assertTrue(new GradientChecker(CheckOptions.defaults().fast(3)).check(correct).passed());
        CheckReport failed = new GradientChecker(CheckOptions.defaults().fast(3)).check(mutant);
        assertFalse(failed.passed());
        assertEquals(192, failed.tensors().get(0).checked());
        assertEquals(List.of(3, 3), failed.tensors().subList(1, 3).stream().map(TensorReport::checked).toList());
    }

    private static NetworkFunction network(int in, int out, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new NetworkFunction(Network.of(new Affine(RandomTensors.uniform(r, -1, 1, in, out), RandomTensors.uniform(r, -1, 1, out)), new Tanh()),
                RandomTensors.uniform(r, -1, 1, 3, in), Objective.upstream(RandomTensors.uniform(r, -1, 1, 3, out)));
    }

    /** Counts every evaluation of f, through bind and probe. */
    private static final class Counting implements Differentiable {
        private final NetworkFunction f;
        private final AtomicLong evaluations = new AtomicLong();

        Counting(NetworkFunction f) {
            this.f = f;
        }

        @Override
        public String describe() {
            return f.describe();
        }

        @Override
        public List<Variable> variables() {
            return f.variables();
        }

        @Override
        public Map<String, Tensor> analyticGradient() {
            return f.analyticGradient();
        }

        @Override
        public DoubleSupplier bind(String name, Tensor scratch) {
            DoubleSupplier inner = f.bind(name, scratch);
            return () -> {
                evaluations.incrementAndGet();
                return inner.getAsDouble();
            };
        }

        @Override
        public Probe probe(String name, Tensor scratch) {
            Probe inner = f.probe(name, scratch);
            return () -> {
                evaluations.incrementAndGet();
                return inner.evaluate();
            };
        }
    }
}
