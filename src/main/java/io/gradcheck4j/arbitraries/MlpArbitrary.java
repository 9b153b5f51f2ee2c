package io.gradcheck4j.arbitraries;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerTypes;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.Losses;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Sigmoid;
import io.gradcheck4j.engine.losses.BinaryCrossEntropy;
import io.gradcheck4j.engine.losses.BinaryCrossEntropyWithLogits;
import io.gradcheck4j.engine.losses.SoftmaxCrossEntropy;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Random multi-layer perceptrons with an input batch and a loss: {@code depth} blocks of
 * (affine w<sub>i</sub> -&gt; w<sub>i+1</sub>, activation), then a loss against a random target.
 *
 * <p>Built from jqwik combinators only, so a failing case shrinks by itself: first the structure (fewer
 * blocks, narrower layers, smaller batch, the first activation and loss of the configured lists), then the
 * values (towards 0 and fewer decimals). Cases where a central difference of step {@link #kinkMargin} could
 * straddle a kink of a layer are filtered out (see {@link NetworkCase#nearKink}), so shrinking never
 * drifts onto a kink either.
 *
 * <p>Targets fit the loss: class labels for softmax_cross_entropy, values in [0, 1] for the two binary
 * cross-entropies, values in [-bound, bound] otherwise. binary_cross_entropy is defined on probabilities
 * only, so the last activation of its networks is a sigmoid, and cases whose outputs come within
 * {@value #PROBABILITY_MARGIN} of 0 or 1 (where 1 - p loses its digits) are filtered out.
 *
 * <p>Immutable: every setter returns a new arbitrary. Defaults: depth 1-3, widths 1-5, batch 1-4, values
 * in [-2, 2] with 3 decimals, every registered activation, every built-in loss, kink margin 1e-3.
 */
public final class MlpArbitrary extends ArbitraryDecorator<NetworkCase> {
    /** How far binary_cross_entropy's probabilities must stay from 0 and 1. */
    static final double PROBABILITY_MARGIN = 1e-6;

    private final LayerTypes types;
    private final int minDepth;
    private final int maxDepth;
    private final int minWidth;
    private final int maxWidth;
    private final int minBatch;
    private final int maxBatch;
    private final List<String> activations;
    private final List<String> losses;
    private final double bound;
    private final int decimals;
    private final double kinkMargin;

    private MlpArbitrary(LayerTypes types, int minDepth, int maxDepth, int minWidth, int maxWidth, int minBatch, int maxBatch,
                         List<String> activations, List<String> losses, double bound, int decimals, double kinkMargin) {
        requireRange("depth", minDepth, maxDepth);
        requireRange("width", minWidth, maxWidth);
        requireRange("batch", minBatch, maxBatch);
        if (activations.isEmpty() || losses.isEmpty()) {
            throw new IllegalArgumentException("need at least one activation and one loss");
        }
        activations.forEach(name -> Activations.create(types, name));
        losses.forEach(MlpArbitrary::loss);
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("value bound must be finite and > 0, got " + bound);
        }
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        if (!(kinkMargin >= 0)) {
            throw new IllegalArgumentException("kink margin must be >= 0, got " + kinkMargin);
        }
        this.types = types;
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.minWidth = minWidth;
        this.maxWidth = maxWidth;
        this.minBatch = minBatch;
        this.maxBatch = maxBatch;
        this.activations = List.copyOf(activations);
        this.losses = List.copyOf(losses);
        this.bound = bound;
        this.decimals = decimals;
        this.kinkMargin = kinkMargin;
    }

    static MlpArbitrary defaults(LayerTypes types) {
        List<String> lossNames = Losses.all().stream().map(Loss::type).toList();
        return new MlpArbitrary(types, 1, 3, 1, 5, 1, 4, Activations.of(types), lossNames, Tensors.DEFAULT_BOUND,
                Tensors.DEFAULT_DECIMALS, 1e-3);
    }

    /** Between {@code min} and {@code max} (affine, activation) blocks. */
    public MlpArbitrary depth(int min, int max) {
        return new MlpArbitrary(types, min, max, minWidth, maxWidth, minBatch, maxBatch, activations, losses, bound, decimals, kinkMargin);
    }

    /** Input and layer widths between {@code min} and {@code max}. */
    public MlpArbitrary width(int min, int max) {
        return new MlpArbitrary(types, minDepth, maxDepth, min, max, minBatch, maxBatch, activations, losses, bound, decimals, kinkMargin);
    }

    /** Batch sizes between {@code min} and {@code max}. */
    public MlpArbitrary batch(int min, int max) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, min, max, activations, losses, bound, decimals, kinkMargin);
    }

    /** The activations to draw from (registered parameter-free, shape-keeping layer types); shrinking prefers the first. */
    public MlpArbitrary activations(String... names) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, List.of(names), losses, bound, decimals, kinkMargin);
    }

    /** The losses to draw from (built-in loss names); shrinking prefers the first. */
    public MlpArbitrary losses(String... names) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, activations, List.of(names), bound, decimals, kinkMargin);
    }

    /** Inputs, weights, biases and regression targets in [-bound, bound]. */
    public MlpArbitrary values(double valueBound) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, activations, losses, valueBound, decimals, kinkMargin);
    }

    /** Values with at most {@code places} decimal places. */
    public MlpArbitrary decimals(int places) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, activations, losses, bound, places, kinkMargin);
    }

    /** Rejects cases with a kink within {@code margin} of a layer input (0 keeps every case). */
    public MlpArbitrary kinkMargin(double margin) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, activations, losses, bound, decimals, margin);
    }

    /** Just the networks. */
    public Arbitrary<Network> networks() {
        return map(NetworkCase::network);
    }

    @Override
    protected Arbitrary<NetworkCase> arbitrary() {
        Arbitrary<Topology> topologies = Arbitraries.integers().between(minDepth, maxDepth).flatMap(depth ->
                Combinators.combine(
                        Arbitraries.integers().between(minWidth, maxWidth).list().ofSize(depth + 1),
                        Arbitraries.of(activations).list().ofSize(depth),
                        Arbitraries.integers().between(minBatch, maxBatch),
                        Arbitraries.of(losses)).as(Topology::new));
        Arbitrary<NetworkCase> cases = topologies.flatMap(this::withValues).filter(MlpArbitrary::outputsInLossDomain);
        return kinkMargin > 0 ? cases.filter(c -> !c.nearKink(kinkMargin)) : cases;
    }

    private Arbitrary<NetworkCase> withValues(Topology t) {
        List<Arbitrary<Tensor>> tensors = new ArrayList<>();
        tensors.add(tensor(t.batch(), t.widths().get(0)));
        for (int i = 0; i + 1 < t.widths().size(); i++) {
            tensors.add(tensor(t.widths().get(i), t.widths().get(i + 1)));
            tensors.add(tensor(t.widths().get(i + 1)));
        }
        tensors.add(target(t));
        return Combinators.combine(tensors).as(values -> build(t, values));
    }

    private Arbitrary<Tensor> target(Topology t) {
        int out = t.widths().get(t.widths().size() - 1);
        return switch (t.loss()) {
            case SoftmaxCrossEntropy.TYPE -> Arbitraries.integers().between(0, out - 1).list().ofSize(t.batch())
                    .map(labels -> Tensor.vector(labels.stream().mapToDouble(Integer::doubleValue).toArray()));
            case BinaryCrossEntropy.TYPE, BinaryCrossEntropyWithLogits.TYPE -> new TensorArbitrary(new int[] {t.batch(), out}, 0, 1, decimals);
            default -> new TensorArbitrary(new int[] {t.batch(), out}, -bound, bound, decimals);
        };
    }

    private static boolean outputsInLossDomain(NetworkCase c) {
        if (!c.loss().type().equals(BinaryCrossEntropy.TYPE)) {
            return true;
        }
        Tensor p = c.network().forward(c.input());
        for (int i = 0; i < p.size(); i++) {
            if (!(p.get(i) > PROBABILITY_MARGIN && p.get(i) < 1 - PROBABILITY_MARGIN)) {
                return false;
            }
        }
        return true;
    }

    private TensorArbitrary tensor(int... shape) {
        return new TensorArbitrary(shape, -bound, bound, decimals);
    }

    private NetworkCase build(Topology t, List<Tensor> values) {
        List<Layer> layers = new ArrayList<>();
        int blocks = t.activations().size();
        for (int i = 0; i < blocks; i++) {
            layers.add(new Affine(values.get(1 + 2 * i), values.get(2 + 2 * i)));
            boolean probabilities = i == blocks - 1 && t.loss().equals(BinaryCrossEntropy.TYPE);
            layers.add(probabilities ? new Sigmoid() : Activations.create(types, t.activations().get(i)));
        }
        return new NetworkCase(new Network(layers), values.get(0), loss(t.loss()), values.get(values.size() - 1));
    }

    private static Loss loss(String name) {
        return Losses.find(name).orElseThrow(() -> new IllegalArgumentException(
                "no built-in loss named '" + name + "' (built in: " + Losses.all().stream().map(Loss::type).toList() + ")"));
    }

    private static void requireRange(String what, int min, int max) {
        if (min < 1 || min > max) {
            throw new IllegalArgumentException(what + " range must satisfy 1 <= min <= max, got " + min + ".." + max);
        }
    }

    private record Topology(List<Integer> widths, List<String> activations, int batch, String loss) {
    }
}
