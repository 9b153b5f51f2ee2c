package io.gradcheck4j.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.layers.Tanh;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.UserLayers.CopyingDense;
import io.gradcheck4j.functions.UserLayers.CountingTanh;
import io.gradcheck4j.functions.UserLayers.DriftingScale;
import io.gradcheck4j.functions.UserLayers.NoisyDouble;
import io.gradcheck4j.functions.UserLayers.Scratch;
import io.gradcheck4j.functions.UserLayers.SharedCacheDense;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A user's own layers, which meet only the minimal Layer contract (no Pure, no FastLayer), under the default
 * (parallel) checker: no false alarm on a correct one, a real fault still caught, nondeterminism named.
 */
class UserLayersTest {
    /** How many times the shared-cache checks repeat; -Dgradcheck4j.tries=100 for the soak. */
    private static final int RUNS = Integer.getInteger("gradcheck4j.tries", 20);

    private static double[][] matrix(SplittableRandom random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        return m;
    }

    private static double[] vector(SplittableRandom random, int n) {
        return matrix(random, 1, n)[0];
    }

    private static CheckReport checkCopyingDense(boolean mutant) {
        SplittableRandom random = new SplittableRandom(11);
        Layer layer = new CopyingDense(matrix(random, 5, 4), vector(random, 4), mutant);
        Tensor x = RandomTensors.uniform(random, -1, 1, 6, 5);
        Tensor dy = RandomTensors.uniform(random, -1, 1, 6, 4);
        return GradientChecker.withDefaults().check(NetworkFunction.ofLayer(layer, x, dy));
    }

    @Test
    void aLayerThatCopiesInWithParametersPassesUnderTheDefaultChecker() {
        // GIVEN a correct dense layer on double[][] whose withParameters copies the tensors into its own arrays
        // WHEN the default checker checks it along an upstream gradient
        CheckReport report = checkCopyingDense(false);

        // THEN every entry of the input, the weight and the bias was compared, and all match (no "numeric 0")
        assertTrue(report.passed(), report.toString());
        assertEquals(List.of(30, 20, 4), report.tensors().stream().map(TensorReport::checked).toList());
    }

    @Test
    void theCopyingLayersMutantFailsOnItsWeightGradientOnly() {
        // GIVEN the same layer whose weight gradient forgets the batch sum (uses the first row only)
        // WHEN the default checker checks it
        CheckReport report = checkCopyingDense(true);

        // THEN the check fails on the weight and only there: the input and the bias still match
        assertFalse(report.passed());
        assertEquals(List.of(0, 20, 0), report.tensors().stream().map(TensorReport::failures).toList());
    }

    private static NetworkFunction sharedCacheMlp(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Scratch shared = new Scratch();
        Layer first = new SharedCacheDense(vector(random, 6 * 8), vector(random, 8), shared);
        Layer second = new SharedCacheDense(vector(random, 8 * 3), vector(random, 3), shared);
        Tensor x = RandomTensors.uniform(random, -1, 1, 5, 6);
        Tensor target = RandomTensors.uniform(random, -1, 1, 5, 3);
        return new NetworkFunction(Network.of(first, new Tanh(), second), x, Objective.loss(new HalfSquaredError(), target));
    }

    @Test
    void anMlpOfLayersSharingOneCachePassesEveryRunOfTheDefaultChecker() {
        // GIVEN an MLP of two dense layers that compute into one shared scratch buffer (correct on one thread)
        NetworkFunction f = sharedCacheMlp(3);
        assertFalse(f.threadSafe());
        int passed = 0;
        for (int run = 0; run < RUNS; run++) {
            // WHEN the default (parallel) checker checks it, again and again
            CheckReport report = GradientChecker.withDefaults().check(f);

            // THEN no run aborts (NullPointerException) or finds a mismatch, kink or finding
            assertTrue(report.passed(), "run " + run + ": " + report);
            assertTrue(report.findings().isEmpty(), "run " + run + ": " + report.findings());
            assertEquals(0, report.tensors().stream().mapToInt(TensorReport::nonDifferentiable).sum(), "run " + run);
            passed++;
        }
        assertEquals(RUNS, passed);
    }

    @Test
    void anUndeclaredLayerIsNeverEvaluatedOnTwoThreadsAtOnce() {
        // GIVEN a layer that counts its concurrent forward calls, under a checker with 4 threads
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Tensor x = RandomTensors.uniform(new SplittableRandom(8), -1, 1, 2, 24);
        Tensor dy = RandomTensors.uniform(new SplittableRandom(9), -1, 1, 2, 24);
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(4));

        // WHEN it is checked undeclared, and again declared Pure
        CheckReport undeclared = checker.check(NetworkFunction.ofLayer(new CountingTanh(running, mostAtOnce), x, dy));
        int undeclaredMost = mostAtOnce.getAndSet(0);
        CheckReport declared = checker.check(NetworkFunction.ofLayer(new PureCountingTanh(running, mostAtOnce), x, dy));

        // THEN both pass; undeclared it ran one call at a time, declared the checker used several threads
        assertTrue(undeclared.passed(), undeclared.toString());
        assertTrue(declared.passed(), declared.toString());
        assertEquals(1, undeclaredMost);
        assertTrue(mostAtOnce.get() > 1, "declared Pure, at most " + mostAtOnce.get() + " call(s) at once");
    }

    /** The counting layer declared re-entrant and thread-safe (it is: its counters are atomic). */
    private static final class PureCountingTanh extends CountingTanh implements Pure {
        PureCountingTanh(AtomicInteger running, AtomicInteger mostAtOnce) {
            super(running, mostAtOnce);
        }
    }

    @Test
    void aReallyNondeterministicForwardIsNamedAndNoEntryIsBlamedOnTheGradient() {
        // GIVEN a layer y = 2x + fresh noise on every call, with a correct backward dx = 2 dy
        Tensor x = RandomTensors.uniform(new SplittableRandom(4), -1, 1, 3, 4);
        Tensor dy = RandomTensors.uniform(new SplittableRandom(5), -1, 1, 3, 4);

        // WHEN the default checker checks it
        CheckReport report = GradientChecker.withDefaults().check(NetworkFunction.ofLayer(new NoisyDouble(), x, dy));

        // THEN it fails on a NONDETERMINISTIC_FORWARD finding naming the layer, and no entry FAILs or is a kink
        assertFalse(report.passed());
        Finding finding = report.findings().stream().filter(f -> f.kind() == Finding.Kind.NONDETERMINISTIC_FORWARD)
                .findFirst().orElseThrow(() -> new AssertionError(report.findings().toString()));
        assertTrue(finding.location().contains("noisy_double"), finding.toString());
        assertTrue(finding.message().contains("two evaluations at the same point differ"), finding.message());
        assertTrue(finding.message().contains("finite differences cannot be trusted"), finding.message());
        assertTrue(report.tensors().stream().allMatch(t -> t.failures() == 0 && t.mismatches().isEmpty()
                && t.nonDifferentiable() == 0), report.toString());
    }

    @Test
    void aForwardThatDriftsAcrossCallsIsNamedThoughTwoConsecutiveCallsAgree() {
        // GIVEN a layer whose scale grows every 64 calls (consecutive calls agree, so the per-layer twin test passes)
        Tensor x = RandomTensors.uniform(new SplittableRandom(6), -1, 1, 4, 8);
        Tensor dy = RandomTensors.uniform(new SplittableRandom(7), -1, 1, 4, 8);
        NetworkFunction f = NetworkFunction.ofLayer(new DriftingScale(), x, dy);

        // WHEN the default checker checks it
        CheckReport report = GradientChecker.withDefaults().check(f);

        // THEN f before and after the perturbations differ: one finding naming f, no entry compared or blamed
        assertFalse(report.passed());
        List<Finding> found = report.findings().stream().filter(x2 -> x2.kind() == Finding.Kind.NONDETERMINISTIC_FORWARD).toList();
        assertEquals(1, found.size(), report.findings().toString());
        assertEquals(f.describe(), found.get(0).location());
        assertTrue(found.get(0).message().startsWith("two evaluations at the same point differ: f = "), found.get(0).message());
        assertTrue(report.tensors().stream().allMatch(t -> t.failures() == 0 && t.checked() == 0), report.toString());
    }
}
