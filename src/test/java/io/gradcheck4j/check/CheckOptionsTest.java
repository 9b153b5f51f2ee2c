package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.report.CheckedMode;
import io.gradcheck4j.tensor.Tensor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CheckOptionsTest {
    private static final Tolerance PYTORCH = Tolerance.absRel(1e-5, 1e-3);

    @Test
    void theBuilderAssemblesTheGroupsItIsGiven() {
        // GIVEN numeric settings, a mode and execution settings, each unlike the defaults
        NumericOptions numerics = new NumericOptions(1e-4, PYTORCH, 0.5, 1e-9, true);
        ExecutionOptions execution = new ExecutionOptions(3, true, 42);
        // WHEN the builder assembles them
        CheckOptions options = CheckOptions.builder().numerics(numerics).mode(Mode.sampled(7)).execution(execution)
                .mismatchesPerTensor(4).build();
        // THEN the groups are the given ones, and every delegating accessor returns the value it was given
        assertEquals(numerics, options.numerics());
        assertEquals(new Mode.Sampled(7), options.mode());
        assertEquals(execution, options.execution());
        assertEquals(4, options.mismatchesPerTensor());
        assertEquals(1e-4, options.relativeStep());
        assertEquals(PYTORCH, options.tolerance());
        assertEquals(0.5, options.kinkRetryFactor());
        assertEquals(1e-9, options.nondeterminismTolerance());
        assertTrue(options.acceptInconclusive());
        assertEquals(3, options.parallelism());
        assertTrue(options.threadSafe());
        assertEquals(42L, options.seed());
        assertEquals(7, options.samplesPerTensor());
        assertEquals(3, options.probes(), "not FAST: the default number of directions");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        // GIVEN the defaults  WHEN read  THEN full mode, the cube root of machine epsilon, the error-aware rule, ...
        CheckOptions defaults = CheckOptions.defaults();
        assertEquals(new Mode.Full(), defaults.mode());
        assertEquals(Math.cbrt(Math.ulp(1.0)), defaults.relativeStep());
        assertEquals(Tolerance.errorAware(), defaults.tolerance());
        assertEquals(1e-2, defaults.kinkRetryFactor());
        assertEquals(0.0, defaults.nondeterminismTolerance());
        assertFalse(defaults.acceptInconclusive());
        assertEquals(Runtime.getRuntime().availableProcessors(), defaults.parallelism());
        assertFalse(defaults.threadSafe());
        assertEquals(0x9e3779b97f4a7c15L, defaults.seed());
        assertEquals(10, defaults.mismatchesPerTensor());
        // AND a builder starts from them
        assertEquals(defaults, CheckOptions.builder().build());
    }

    @Test
    void theFourArgumentConstructorKeepsTheOtherDefaults() {
        // GIVEN the constructor external code calls  WHEN it builds options  THEN full mode, the rest at the defaults
        CheckOptions options = new CheckOptions(1e-4, PYTORCH, 2, 5);
        CheckOptions expected = CheckOptions.builder().numerics(NumericOptions.defaults().withStep(1e-4).withTolerance(PYTORCH))
                .execution(ExecutionOptions.defaults().withParallelism(2)).mismatchesPerTensor(5).build();
        assertEquals(expected, options);
    }

    @Test
    void toBuilderRoundTripsAndChangesOnlyWhatItIsTold() {
        // GIVEN options unlike the defaults in every group
        CheckOptions options = CheckOptions.defaults().withStep(1e-4).withTolerance(PYTORCH).fast(2).withParallelism(1)
                .withSeed(9).withThreadSafe(true).withMismatchesPerTensor(0);
        // WHEN rebuilt unchanged, and with another mode
        CheckOptions same = options.toBuilder().build();
        CheckOptions sampled = options.toBuilder().mode(Mode.sampled(3)).build();
        // THEN the first equals the original; the second differs in the mode only
        assertEquals(options, same);
        assertEquals(options.hashCode(), same.hashCode());
        assertEquals(new Mode.Sampled(3), sampled.mode());
        assertEquals(options.numerics(), sampled.numerics());
        assertEquals(options.execution(), sampled.execution());
        assertEquals(options.mismatchesPerTensor(), sampled.mismatchesPerTensor());
        assertNotEquals(options, sampled);
    }

    @Test
    void everyWithMethodEqualsTheBuilderForm() {
        // GIVEN the defaults and their groups
        CheckOptions d = CheckOptions.defaults();
        NumericOptions n = NumericOptions.defaults();
        ExecutionOptions e = ExecutionOptions.defaults();
        // WHEN each setting is changed with its with* method and with the builder  THEN both give equal options
        assertEquals(CheckOptions.builder().numerics(n.withStep(1e-3)).build(), d.withStep(1e-3));
        assertEquals(CheckOptions.builder().numerics(n.withTolerance(PYTORCH)).build(), d.withTolerance(PYTORCH));
        assertEquals(CheckOptions.builder().numerics(n.withKinkRetry(0)).build(), d.withKinkRetry(0));
        assertEquals(CheckOptions.builder().numerics(n.withNondeterminismTolerance(1e-12)).build(), d.withNondeterminismTolerance(1e-12));
        assertEquals(CheckOptions.builder().numerics(n.withAcceptInconclusive(true)).build(), d.withAcceptInconclusive(true));
        assertEquals(CheckOptions.builder().execution(e.withParallelism(1)).build(), d.withParallelism(1));
        assertEquals(CheckOptions.builder().execution(e.withSeed(5)).build(), d.withSeed(5));
        assertEquals(CheckOptions.builder().execution(e.withThreadSafe(true)).build(), d.withThreadSafe(true));
        assertEquals(CheckOptions.builder().mismatchesPerTensor(2).build(), d.withMismatchesPerTensor(2));
        assertEquals(CheckOptions.builder().mode(Mode.sampled(8)).build(), d.sampled(8));
        assertEquals(CheckOptions.builder().mode(Mode.fast(4)).build(), d.fast(4));
        assertEquals(CheckOptions.builder().mode(Mode.full()).build(), d.fast(4).full());
        assertEquals(d.withMode(Mode.fast(4)), d.fast(4));
        // AND each with* changes nothing else: back to the old value, the defaults again
        assertEquals(d, d.withStep(1e-3).withStep(d.relativeStep()).withSeed(5).withSeed(d.seed()).sampled(8).full());
    }

    @Test
    void invalidSettingsAreRejectedNamingTheSetting() {
        // GIVEN one invalid value per setting  WHEN the options are built  THEN the message names the setting and the value
        CheckOptions d = CheckOptions.defaults();
        assertEquals("step must be a finite number > 0, got 0.0", message(() -> d.withStep(0)));
        assertEquals("step must be a finite number > 0, got NaN", message(() -> d.withStep(Double.NaN)));
        assertEquals("step must be a finite number > 0, got Infinity", message(() -> d.withStep(Double.POSITIVE_INFINITY)));
        assertEquals("tolerance is required", message(() -> d.withTolerance(null)));
        assertEquals("kinkRetryFactor must be in [0, 1), got 1.0", message(() -> d.withKinkRetry(1)));
        assertEquals("nondeterminismTolerance must be >= 0, got -1.0", message(() -> d.withNondeterminismTolerance(-1)));
        assertEquals("parallelism must be >= 1, got 0", message(() -> d.withParallelism(0)));
        assertEquals("mismatchesPerTensor must be >= 0, got -1", message(() -> d.withMismatchesPerTensor(-1)));
        assertEquals("samplesPerTensor must be >= 1, got 0", message(() -> d.sampled(0)));
        assertEquals("probes must be >= 1, got 0", message(() -> d.fast(0)));
        assertEquals("numerics, mode and execution are required", message(() -> CheckOptions.builder().mode(null).build()));
    }

    @Test
    void eachModeOwnsItsPlan() {
        // GIVEN a tensor of 6 entries whose analytic gradient is largest at entry 2 and smallest at entry 4
        Tensor a = Tensor.wrap(new double[] {0.1, 0.2, 0.9, 0.3, -0.7, 0.0}, 6);
        // WHEN each mode plans the tensor at position 3 of the check, shard 2 of 2
        Shard second = new Shard(2, 2);
        int[] full = Mode.full().entries(a, 0, 1, second, 3);
        int[] sampled = Mode.sampled(4).entries(a, 0, 1, second, 3);
        int[] fast = Mode.fast(2).entries(a, 0, 1, second, 3);
        // THEN FULL compares the shard's entries (positions 3 + i odd: i = 0, 2, 4), SAMPLED the first, last and
        // extreme ones (0, 5, 2, 4: four, no random draw needed), FAST none but projects on its 2 directions
        assertArrayEquals(new int[] {0, 2, 4}, full);
        assertArrayEquals(new int[] {0, 2, 4, 5}, sampled);
        assertArrayEquals(new int[0], fast);
        assertEquals(0, Mode.full().probes());
        assertEquals(0, Mode.sampled(4).probes());
        assertEquals(2, Mode.fast(2).probes());
        // AND each states the comparison and itself as the reports always did
        assertEquals("full", Mode.full().method(3, 6));
        assertEquals("sampled 4 of 6", Mode.sampled(4).method(4, 6));
        assertEquals("full", Mode.sampled(40).method(6, 6));
        assertEquals("fast: 2 probes", Mode.fast(2).method(0, 6));
        assertEquals(CheckedMode.of(CheckedMode.Kind.FULL), Mode.full().checked(7));
        assertEquals(new CheckedMode(CheckedMode.Kind.SAMPLED, "SAMPLED (4 per tensor, seed 7)"), Mode.sampled(4).checked(7));
        assertEquals(new CheckedMode(CheckedMode.Kind.FAST, "FAST (2 probes per tensor, seed -1)"), Mode.fast(2).checked(-1));
    }

    @Test
    void modesAreEqualWhenTheirSettingsAre() {
        // GIVEN modes built by factory and by constructor  WHEN compared  THEN equal exactly when kind and setting match
        assertEquals(new Mode.Full(), Mode.full());
        assertEquals(new Mode.Sampled(5), Mode.sampled(5));
        assertEquals(new Mode.Fast(5), Mode.fast(5));
        assertNotEquals(Mode.sampled(5), Mode.sampled(6));
        assertNotEquals(Mode.sampled(5), Mode.fast(5));
    }

    private static String message(Supplier<?> building) {
        return assertThrows(IllegalArgumentException.class, building::get).getMessage();
    }
}
