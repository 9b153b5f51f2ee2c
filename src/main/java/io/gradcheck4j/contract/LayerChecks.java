package io.gradcheck4j.contract;

import io.gradcheck4j.check.CheckAborted;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.LayerType;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.RandomTensors;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The check battery every layer type must pass (PyTorch's OpInfo tests, in Java). For each sample the
 * type provides, with an upstream gradient u uniform in [-1, 1]:
 * <ul>
 *   <li><b>gradients match finite differences</b>: &part;/&part;x and &part;/&part;&theta; of J = &Sigma; y &middot; u
 *       (i.e. the backward pass with dy = u) against central differences in full mode under the options'
 *       rule; entries the checker finds non-differentiable (their stencil straddles a kink: the layer's branch
 *       pattern changes within it, e.g. a tie in a max-pool window or a ReLU input at 0) are neither passed
 *       nor failed, only counted;</li>
 *   <li><b>gradients have the right shapes</b>: dx like x, one gradient per parameter shaped like it, no extras;</li>
 *   <li><b>forward and backward leave their arguments unchanged</b> and the layer's parameters too;</li>
 *   <li><b>forward and backward are re-entrant</b>: a second call gives identical results;</li>
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

    private final CheckOptions options;

    /** A battery comparing gradients with {@code options}. */
    public LayerChecks(CheckOptions options) {
        this.options = options;
    }

    /** A battery with the default check options on one thread. */
    public static LayerChecks withDefaults() {
        return new LayerChecks(CheckOptions.defaults().withParallelism(1));
    }

    /** Every check on every sample {@code type} draws from a generator seeded with {@code seed}. */
    public List<BatteryCheck> checks(LayerType type, long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        List<LayerSample> samples;
        try {
            samples = type.samples(random);
        } catch (RuntimeException e) {
            return List.of(failed(SAMPLES, type.name(), "drawing the samples threw " + e));
        }
        List<BatteryCheck> checks = new ArrayList<>();
        for (LayerSample sample : samples) {
            Tensor output;
            try {
                output = sample.layer().forward(sample.input());
            } catch (RuntimeException e) {
                checks.add(failed(SAMPLES, sample.description(), "forward on the sample input of shape "
                        + Arrays.toString(sample.input().shape()) + " threw " + e));
                continue;
            }
            checks.addAll(checks(type.name(), sample, RandomTensors.uniform(random, -1, 1, output.shape())));
        }
        return checks;
    }

    /** Every check on one sample with upstream gradient {@code upstream} (shaped like the output). */
    public List<BatteryCheck> checks(String typeName, LayerSample sample, Tensor upstream) {
        String s = sample.description();
        Layer layer = sample.layer();
        Tensor x = sample.input();
        return List.of(
                new BatteryCheck(GRADIENTS, s, () -> gradients(layer, x, upstream, s)),
                new BatteryCheck(SHAPES, s, () -> shapes(layer, x, upstream, s)),
                new BatteryCheck(NO_MUTATION, s, () -> noMutation(layer, x, upstream, s)),
                new BatteryCheck(REENTRANT, s, () -> reentrant(layer, x, upstream, s)),
                new BatteryCheck(ZERO_UPSTREAM, s, () -> zeroUpstream(layer, x, upstream, s)),
                new BatteryCheck(ROUND_TRIP, s, () -> roundTrip(typeName, layer, x, s)));
    }

    /** Runs every check of {@link #checks(LayerType, long)}. */
    public List<BatteryResult> run(LayerType type, long seed) {
        return checks(type, seed).stream().map(BatteryCheck::run).toList();
    }

    private BatteryResult gradients(Layer layer, Tensor x, Tensor upstream, String sample) {
        CheckReport report;
        try {
            report = new GradientChecker(options.full().withMismatchesPerTensor(Integer.MAX_VALUE))
                    .check(NetworkFunction.ofLayer(layer, x, upstream));
        } catch (CheckAborted e) {
            return new BatteryResult(GRADIENTS, sample, false, "check aborted: " + e.getMessage());
        }
        int kinked = report.nonDifferentiable();
        String kinks = kinked == 0 ? "" : "; " + kinked + (kinked == 1 ? " entry straddles" : " entries straddle")
                + " a kink (non-differentiable, not counted)";
        if (report.failures() == 0) {
            return new BatteryResult(GRADIENTS, sample, true, (report.checked() - kinked) + " entries match" + kinks);
        }
        StringBuilder sb = new StringBuilder(report.failures() + " of " + report.checked() + " entries differ (" + report.rule() + ")" + kinks);
        for (TensorReport t : report.tensors()) {
            if (!t.passed()) {
                sb.append("\n  ").append(t.location()).append(": ").append(t.failures()).append(" of ").append(t.checked())
                        .append(" entries fail, max |a - n| = ").append(t.maxAbsError());
                t.mismatches().stream().limit(MISMATCHES_SHOWN).forEach(m -> sb.append("\n    ").append(m.message()));
            }
        }
        return new BatteryResult(GRADIENTS, sample, false, sb.toString());
    }

    private static BatteryResult shapes(Layer layer, Tensor x, Tensor upstream, String sample) {
        LayerGradients g = layer.backward(x, layer.forward(x), upstream);
        List<String> problems = new ArrayList<>();
        if (g == null || g.input() == null) {
            return new BatteryResult(SHAPES, sample, false, "backward returned no input gradient");
        }
        if (!g.input().sameShape(x)) {
            problems.add("input gradient has shape " + Arrays.toString(g.input().shape()) + ", input " + Arrays.toString(x.shape()));
        }
        for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
            Tensor grad = g.parameters().get(p.getKey());
            if (grad == null) {
                problems.add("no gradient for parameter " + p.getKey());
            } else if (!grad.sameShape(p.getValue())) {
                problems.add("gradient of " + p.getKey() + " has shape " + Arrays.toString(grad.shape())
                        + ", parameter " + Arrays.toString(p.getValue().shape()));
            }
        }
        TreeSet<String> extra = new TreeSet<>(g.parameters().keySet());
        extra.removeAll(layer.parameters().keySet());
        if (!extra.isEmpty()) {
            problems.add("gradients for unknown parameters " + extra);
        }
        return result(SHAPES, sample, problems, "dx " + Arrays.toString(x.shape()) + " and " + layer.parameters().size() + " parameter gradients");
    }

    private static BatteryResult noMutation(Layer layer, Tensor x, Tensor upstream, String sample) {
        double[] xBefore = x.toArray();
        double[] uBefore = upstream.toArray();
        Map<String, Tensor> paramsBefore = copy(layer.parameters());
        Tensor y = layer.forward(x);
        double[] yBefore = y.toArray();
        layer.backward(x, y, upstream);
        List<String> problems = new ArrayList<>();
        if (!Arrays.equals(xBefore, x.toArray())) {
            problems.add("the input x changed");
        }
        if (!Arrays.equals(yBefore, y.toArray())) {
            problems.add("backward changed the output y it was given");
        }
        if (!Arrays.equals(uBefore, upstream.toArray())) {
            problems.add("backward changed the upstream gradient dy");
        }
        if (!paramsBefore.equals(copy(layer.parameters()))) {
            problems.add("the layer's parameters changed");
        }
        return result(NO_MUTATION, sample, problems, "x, y, dy and parameters unchanged");
    }

    private static BatteryResult reentrant(Layer layer, Tensor x, Tensor upstream, String sample) {
        Tensor y1 = layer.forward(x);
        Tensor y2 = layer.forward(x);
        LayerGradients g1 = layer.backward(x, y1, upstream);
        LayerGradients g2 = layer.backward(x, y1, upstream);
        List<String> problems = new ArrayList<>();
        if (!y1.equals(y2)) {
            problems.add("two forward passes on the same input differ");
        }
        if (!g1.input().equals(g2.input())) {
            problems.add("two backward passes give different input gradients (backward is not re-entrant)");
        }
        if (!copy(g1.parameters()).equals(copy(g2.parameters()))) {
            problems.add("two backward passes give different parameter gradients (backward is not re-entrant)");
        }
        return result(REENTRANT, sample, problems, "identical results twice");
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

    private static BatteryCheck failed(String check, String sample, String detail) {
        return new BatteryCheck(check, sample, () -> new BatteryResult(check, sample, false, detail));
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
