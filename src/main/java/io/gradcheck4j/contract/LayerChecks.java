package io.gradcheck4j.contract;

import io.gradcheck4j.check.CheckAborted;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerFailure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.report.CaseResult;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.FailureMessages;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * The check battery every layer type must pass (PyTorch's OpInfo tests, in Java), run by the CLI's main
 * job and {@code layer} command and by {@link io.gradcheck4j.junit.LayerContract}. Each type draws its
 * samples, then one upstream gradient u uniform in [-1, 1] per sample, from its own
 * {@code new SplittableRandom(seed)} (the samples of one type do not change when another is registered).
 * One {@link GradientChecker#check} per sample, of J = &Sigma; y &middot; u (the backward pass with dy = u),
 * decides four checks, its {@link io.gradcheck4j.check.Diagnostics diagnostics} deciding three of them:
 * <ul>
 *   <li><b>gradients match finite differences</b>: &part;/&part;x and &part;/&part;&theta; against central
 *       differences under the checker's rule, at least one entry compared (&part;/&part;&theta; only for a type with
 *       {@link LayerType#integerInput()}: its input gradient is zero by definition); entries the checker
 *       finds non-differentiable (their stencil straddles a kink: the layer's branch pattern changes within
 *       it, e.g. a tie in a max-pool window or a ReLU input at 0) are neither passed nor failed, only
 *       counted; a fault of the diagnostics no check below claims (NaN or infinity) fails it too;</li>
 *   <li><b>gradients have the right shapes</b>: no {@code MISSING_GRADIENT}, {@code WRONG_GRADIENT_SHAPE} or
 *       {@code UNEXPECTED_GRADIENT}: dx like x, one gradient per parameter shaped like it, no extras;</li>
 *   <li><b>forward and backward leave their arguments unchanged</b>: no {@code INPUT_MUTATION} of x, y, dy or
 *       the layer's parameters;</li>
 *   <li><b>forward and backward are re-entrant</b>: no {@code NONDETERMINISTIC_FORWARD} or
 *       {@code BACKWARD_NOT_REENTRANT}: a second call gives identical results;</li>
 * </ul>
 * and two checks beside it:
 * <ul>
 *   <li><b>zero upstream gives zero gradients</b>: dy = 0 gives dx = 0 and d&theta; = 0 exactly;</li>
 *   <li><b>withParameters round-trips</b>: the layer rebuilt from its own parameters has equal parameters and
 *       the same forward pass, and the type name matches the registration.</li>
 * </ul>
 */
public final class LayerChecks {
    /** Name of the finite-difference check. */
    public static final String GRADIENTS = "gradients match finite differences";
    /** Name of the shape check. */
    public static final String SHAPES = "gradients have the right shapes";
    /** Name of the no-mutation check. */
    public static final String NO_MUTATION = "forward and backward leave their arguments unchanged";
    /** Name of the re-entrancy check. */
    public static final String REENTRANT = "forward and backward are re-entrant";
    /** Name of the zero-upstream check. */
    public static final String ZERO_UPSTREAM = "zero upstream gives zero gradients";
    /** Name of the pseudo-check reported when the samples cannot be drawn or run forward. */
    public static final String SAMPLES = "samples can be drawn and run forward";
    /** Name of the round-trip check. */
    public static final String ROUND_TRIP = "withParameters round-trips";

    private static final int MISMATCHES_SHOWN = 10;
    private static final Set<Finding.Kind> SHAPE_FAULTS =
            EnumSet.of(Finding.Kind.MISSING_GRADIENT, Finding.Kind.WRONG_GRADIENT_SHAPE, Finding.Kind.UNEXPECTED_GRADIENT);
    private static final Set<Finding.Kind> MUTATION_FAULTS = EnumSet.of(Finding.Kind.INPUT_MUTATION);
    private static final Set<Finding.Kind> REENTRANCY_FAULTS =
            EnumSet.of(Finding.Kind.NONDETERMINISTIC_FORWARD, Finding.Kind.BACKWARD_NOT_REENTRANT);

    private final GradientChecker checker;

    /** A battery comparing gradients with {@code options} in full mode, listing every mismatch. */
    public LayerChecks(CheckOptions options) {
        this(new GradientChecker(options.full().withMismatchesPerTensor(Integer.MAX_VALUE)));
    }

    /** A battery whose gradient check is {@code checker}, in its mode (the CLI's main job: the command line's). */
    public LayerChecks(GradientChecker checker) {
        this.checker = checker;
    }

    /** A battery with the default check options on one thread. */
    public static LayerChecks withDefaults() {
        return new LayerChecks(CheckOptions.defaults().withParallelism(1));
    }

    /** Every check on every sample {@code type} draws from a generator seeded with {@code seed}. */
    public List<BatteryCheck> checks(LayerType type, long seed) {
        return checks(type, new SplittableRandom(seed));
    }

    /** Every check on every sample {@code type} draws from {@code random} (e.g. a stream a property draws, to shrink). */
    public List<BatteryCheck> checks(LayerType type, RandomGenerator random) {
        return draw(type, random).stream().flatMap(s -> s.checks().stream()).toList();
    }

    /** Every check on one sample with upstream gradient {@code upstream} (shaped like the output). */
    public List<BatteryCheck> checks(String typeName, LayerSample sample, Tensor upstream) {
        return new Sample(typeName, false, sample, upstream).checks();
    }

    /** Runs every check of {@link #checks(LayerType, long)}. */
    public List<BatteryResult> run(LayerType type, long seed) {
        return checks(type, seed).stream().map(BatteryCheck::run).toList();
    }

    /**
     * The battery of {@code type} as cases of a run (the CLI's main job), one per sample, named
     * {@code <type> #<k>}: the gradient check's report (its faults are those of the checks it decides) and
     * the failed checks beside it as violations; or an error when the sample could not be drawn (then one
     * case named {@code <type>}), run forward or checked.
     */
    public List<CaseResult> cases(LayerType type, long seed) {
        List<Drawn> drawn = draw(type, new SplittableRandom(seed));
        List<CaseResult> cases = new ArrayList<>();
        for (int k = 0; k < drawn.size(); k++) {
            long start = System.nanoTime();
            cases.add(drawn.get(k).asCase(type.name(), k + 1).withSeconds((System.nanoTime() - start) * 1e-9));
        }
        return cases;
    }

    private List<Drawn> draw(LayerType type, RandomGenerator random) {
        List<LayerSample> samples;
        try {
            samples = type.samples(random);
        } catch (RuntimeException e) {
            return List.of(new Undrawn(type.name(), "drawing the samples threw " + e, false));
        }
        if (samples.isEmpty()) {
            return List.of(new Undrawn(type.name(), "nothing was checked: the layer type drew no samples", false));
        }
        List<Drawn> drawn = new ArrayList<>();
        for (LayerSample sample : samples) {
            Tensor output;
            try {
                output = sample.layer().forward(sample.input());
            } catch (RuntimeException e) {
                drawn.add(new Undrawn(sample.description(), "forward on the sample input of shape "
                        + Arrays.toString(sample.input().shape()) + " threw " + e, true));
                continue;
            }
            drawn.add(new Sample(type.name(), type.integerInput(), sample, RandomTensors.uniform(random, -1, 1, output.shape())));
        }
        return drawn;
    }

    /** A sample as the battery sees it: its checks, or its case of a run. */
    private interface Drawn {
        List<BatteryCheck> checks();

        CaseResult asCase(String typeName, int k);
    }

    /** A sample that could not be drawn or run forward ({@code numbered}: one of the type's samples, else the whole type). */
    private record Undrawn(String sample, String detail, boolean numbered) implements Drawn {
        @Override
        public List<BatteryCheck> checks() {
            return List.of(new BatteryCheck(SAMPLES, sample, () -> new BatteryResult(SAMPLES, sample, false, detail)));
        }

        @Override
        public CaseResult asCase(String typeName, int k) {
            return numbered ? new CaseResult(CaseResult.Kind.LAYER, typeName + " #" + k, sample, List.of(), null, detail)
                    : new CaseResult(CaseResult.Kind.LAYER, typeName, "samples", List.of(), null, detail);
        }
    }

    /** The gradient check of one sample, or why it could not run. */
    private record Gradients(CheckReport report, String error) {
    }

    /** One sample with its upstream gradient; its gradient check runs once, for the first check that needs it. */
    private final class Sample implements Drawn {
        private final String typeName;
        private final boolean integerInput;
        private final LayerSample sample;
        private final Tensor upstream;
        private Gradients gradients;

        Sample(String typeName, boolean integerInput, LayerSample sample, Tensor upstream) {
            this.typeName = typeName;
            this.integerInput = integerInput;
            this.sample = sample;
            this.upstream = upstream;
        }

        @Override
        public List<BatteryCheck> checks() {
            String s = sample.description();
            int parameters = sample.layer().parameters().size();
            return Stream.concat(Stream.of(
                    new BatteryCheck(GRADIENTS, s, this::gradientsMatch),
                    new BatteryCheck(SHAPES, s, () -> free(SHAPES, SHAPE_FAULTS,
                            "dx " + Arrays.toString(sample.input().shape()) + " and " + parameters + " parameter gradients")),
                    new BatteryCheck(NO_MUTATION, s, () -> free(NO_MUTATION, MUTATION_FAULTS, "x, y, dy and parameters unchanged")),
                    new BatteryCheck(REENTRANT, s, () -> free(REENTRANT, REENTRANCY_FAULTS, "identical results twice"))),
                    beside().stream()).toList();
        }

        /** The checks beside the gradient check. */
        private List<BatteryCheck> beside() {
            String s = sample.description();
            Layer layer = sample.layer();
            Tensor x = sample.input();
            return List.of(
                    new BatteryCheck(ZERO_UPSTREAM, s, () -> zeroUpstream(layer, x, upstream, s)),
                    new BatteryCheck(ROUND_TRIP, s, () -> roundTrip(typeName, layer, x, s)));
        }

        @Override
        public CaseResult asCase(String typeName, int k) {
            Gradients g = gradients();
            List<String> violations = beside().stream().map(BatteryCheck::run).filter(r -> !r.passed())
                    .map(r -> r.check() + ": " + r.detail()).toList();
            return new CaseResult(CaseResult.Kind.LAYER, typeName + " #" + k, sample.description(), List.of(), g.report(), g.error(), violations);
        }

        private synchronized Gradients gradients() {
            if (gradients == null) {
                gradients = check();
            }
            return gradients;
        }

        private Gradients check() {
            NetworkFunction f = NetworkFunction.ofLayer(sample.layer(), sample.input(), upstream);
            try {
                return new Gradients(checker.check(integerInput ? f.parametersOnly() : f), null);
            } catch (CheckAborted | LayerFailure e) {
                return new Gradients(null, e.getMessage());
            } catch (RuntimeException e) {
                return new Gradients(null, "the " + sample.layer().type() + " layer threw " + e);
            }
        }

        private BatteryResult gradientsMatch() {
            String s = sample.description();
            CheckReport report = gradients().report();
            if (report == null) {
                return new BatteryResult(GRADIENTS, s, false, "check aborted: " + gradients().error());
            }
            if (report.nothingChecked() != null) {
                return new BatteryResult(GRADIENTS, s, false, report.nothingChecked());
            }
            List<Finding> faults = report.findings().stream().filter(f -> f.isError() && !SHAPE_FAULTS.contains(f.kind())
                    && !MUTATION_FAULTS.contains(f.kind()) && !REENTRANCY_FAULTS.contains(f.kind())).toList();
            int kinked = report.nonDifferentiable();
            String kinks = kinked == 0 ? "" : "; " + FailureMessages.kinksNotCounted(kinked);
            if (report.failures() == 0 && faults.isEmpty()) {
                return new BatteryResult(GRADIENTS, s, true, (report.checked() - kinked) + " entries match" + kinks);
            }
            StringBuilder sb = new StringBuilder(FailureMessages.entriesFail(report.failures(), report.checked()) + " (" + report.rule() + ")" + kinks);
            for (TensorReport t : report.tensors()) {
                if (!t.passed()) {
                    sb.append("\n  ").append(FailureMessages.tensorFailed(t));
                    t.mismatches().stream().limit(MISMATCHES_SHOWN).forEach(m -> sb.append("\n    ").append(FailureMessages.entry(m)));
                }
            }
            faults.forEach(f -> sb.append("\n  ").append(FindingMessages.finding(f)));
            return new BatteryResult(GRADIENTS, s, false, sb.toString());
        }

        /** Passes when the gradient check found no fault of the given kinds; fails naming each one. */
        private BatteryResult free(String check, Set<Finding.Kind> kinds, String ok) {
            String s = sample.description();
            Gradients g = gradients();
            if (g.report() == null) {
                return new BatteryResult(check, s, false, "not judged: the gradient check could not run: " + g.error());
            }
            return result(check, s, g.report().findings().stream().filter(f -> kinds.contains(f.kind())).map(Finding::toString).toList(), ok);
        }
    }

    private static BatteryResult zeroUpstream(Layer layer, Tensor x, Tensor upstream, String sample) {
        LayerGradients g = layer.backward(x, layer.forward(x), Tensor.zeros(upstream.shape()));
        List<String> problems = new ArrayList<>();
        if (g.input().maxAbs() != 0) {
            problems.add("input gradient is not zero (max |dx| = " + g.input().maxAbs() + ")");
        }
        g.parameters().forEach((name, grad) -> {
            if (grad.maxAbs() != 0) {
                problems.add("gradient of " + name + " is not zero (max = " + grad.maxAbs() + ")");
            }
        });
        return result(ZERO_UPSTREAM, sample, problems, "all gradients exactly 0");
    }

    private static BatteryResult roundTrip(String typeName, Layer layer, Tensor x, String sample) {
        List<String> problems = new ArrayList<>();
        if (!layer.type().equals(typeName)) {
            problems.add("layer.type() is '" + layer.type() + "' but it is registered as '" + typeName + "'");
        }
        Layer rebuilt = layer.withParameters(layer.parameters());
        if (!copy(rebuilt.parameters()).equals(copy(layer.parameters()))) {
            problems.add("withParameters(parameters()) gives different parameters");
        }
        if (!rebuilt.forward(x).equals(layer.forward(x))) {
            problems.add("withParameters(parameters()) gives a different forward pass");
        }
        return result(ROUND_TRIP, sample, problems, "same parameters and output");
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> m) {
        return Map.copyOf(m);
    }

    private static BatteryResult result(String check, String sample, List<String> problems, String ok) {
        return problems.isEmpty()
                ? new BatteryResult(check, sample, true, ok)
                : new BatteryResult(check, sample, false, String.join("; ", problems));
    }
}
