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
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Random multi-layer perceptrons with an input batch and a loss: {@code depth} blocks of
 * (affine w<sub>i</sub> -&gt; w<sub>i+1</sub>, activation), then a loss against a random target.
 *
 * <p>Built from jqwik combinators only, so a failing case shrinks by itself: first the structure (fewer
 * blocks, narrower layers, smaller batch, the first activation and loss of the configured lists), then the
 * values (towards 0 and fewer decimals).
 *
 * <p>Kinks are generated, not avoided: a third of the cases ask for one pre-activation (the output of an
 * affine layer at some row and unit, i.e. the input of the activation after it) exactly on 0, where ReLU,
 * leaky ReLU, ELU and step have their kink, or within 1e-10, 1e-7 or 1e-5 of it, and get it by setting that
 * unit's bias to offset - (x . W)[row, unit]; or, with a regression target, for one residual y - t there (the
 * kink of the l1 loss), by setting that target entry to y - offset. The placement is skipped when the new
 * value would leave [-bound, bound]. The gradient check reports an entry whose finite-difference stencil
 * straddles such a kink as non-differentiable (neither pass nor fail), so correct networks still pass; the
 * placement shrinks away first when it does not matter for a failure.
 *
 * <p>Targets fit the loss: class labels for softmax_cross_entropy, values in [0, 1] for the two binary
 * cross-entropies, values in [-bound, bound] otherwise. binary_cross_entropy is defined on probabilities
 * only, so the last activation of its networks is a sigmoid, and cases whose outputs come within
 * {@value #PROBABILITY_MARGIN} of 0 or 1 (where 1 - p loses its digits) are filtered out.
 *
 * <p>Immutable: every setter returns a new arbitrary. Defaults: depth 1-3, widths 1-5, batch 1-4, values
 * in [-2, 2] with 3 decimals, every registered activation, every built-in loss.
 */
public final class MlpArbitrary extends ArbitraryDecorator<NetworkCase> {
    /** How far binary_cross_entropy's probabilities must stay from 0 and 1. */
    static final double PROBABILITY_MARGIN = 1e-6;
    /** Distances from the kink at 0 at which a pre-activation or residual is placed: on it, then nearer to farther. */
    static final List<Double> KINK_OFFSETS = List.of(0.0, 1e-10, -1e-10, 1e-7, -1e-7, 1e-5, -1e-5);

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

    private MlpArbitrary(LayerTypes types, int minDepth, int maxDepth, int minWidth, int maxWidth, int minBatch, int maxBatch,
                         List<String> activations, List<String> losses, double bound, int decimals) {
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
    }

    static MlpArbitrary defaults(LayerTypes types) {
        List<String> lossNames = Losses.all().stream().map(Loss::type).toList();
        return new MlpArbitrary(types, 1, 3, 1, 5, 1, 4, Activations.of(types), lossNames, Tensors.DEFAULT_BOUND,
                Tensors.DEFAULT_DECIMALS);
    }

    /** Between {@code min} and {@code max} (affine, activation) blocks. */
    public MlpArbitrary depth(int min, int max) {
        return new MlpArbitrary(types, min, max, minWidth, maxWidth, minBatch, maxBatch, activations, losses, bound, decimals);
    }

    /** Input and layer widths between {@code min} and {@code max}. */
    public MlpArbitrary width(int min, int max) {
        return new MlpArbitrary(types, minDepth, maxDepth, min, max, minBatch, maxBatch, activations, losses, bound, decimals);
    }

    /** Batch sizes between {@code min} and {@code max}. */
    public MlpArbitrary batch(int min, int max) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, min, max, activations, losses, bound, decimals);
    }

    /** The activations to draw from (registered parameter-free, shape-keeping layer types); shrinking prefers the first. */
    public MlpArbitrary activations(String... names) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, List.of(names), losses, bound, decimals);
    }

    /** The losses to draw from (built-in loss names); shrinking prefers the first. */
    public MlpArbitrary losses(String... names) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, activations, List.of(names), bound, decimals);
    }

    /** Inputs, weights, biases and regression targets in [-bound, bound]. */
    public MlpArbitrary values(double valueBound) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, activations, losses, valueBound, decimals);
    }

    /** Values with at most {@code places} decimal places. */
    public MlpArbitrary decimals(int places) {
        return new MlpArbitrary(types, minDepth, maxDepth, minWidth, maxWidth, minBatch, maxBatch, activations, losses, bound, places);
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
        return topologies.flatMap(this::withValues).filter(MlpArbitrary::outputsInLossDomain);
    }

    private Arbitrary<NetworkCase> withValues(Topology t) {
        List<Arbitrary<Tensor>> tensors = new ArrayList<>();
        tensors.add(tensor(t.batch(), t.widths().get(0)));
        for (int i = 0; i + 1 < t.widths().size(); i++) {
            tensors.add(tensor(t.widths().get(i), t.widths().get(i + 1)));
            tensors.add(tensor(t.widths().get(i + 1)));
        }
        tensors.add(target(t));
        return Combinators.combine(Combinators.combine(tensors).as(List::copyOf), kinkPlacement(t))
                .as((values, kink) -> build(t, values, kink));
    }

    /** No kink (twice as likely, and what shrinking prefers), or a pre-activation placed on or near one. */
    private Arbitrary<Optional<KinkPlacement>> kinkPlacement(Topology t) {
        Arbitrary<KinkPlacement> placed = Combinators.combine(
                Arbitraries.integers().between(0, t.activations().size()),
                Arbitraries.integers().between(0, t.batch() - 1),
                Arbitraries.integers().between(0, maxWidth - 1),
                Arbitraries.of(KINK_OFFSETS)).as(KinkPlacement::new);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Optional.<KinkPlacement>empty())),
                Tuple.of(1, placed.map(Optional::of)));
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

    private NetworkCase build(Topology t, List<Tensor> values, Optional<KinkPlacement> kink) {
        List<Layer> layers = new ArrayList<>();
        int blocks = t.activations().size();
        for (int i = 0; i < blocks; i++) {
            layers.add(new Affine(values.get(1 + 2 * i), values.get(2 + 2 * i)));
            boolean probabilities = i == blocks - 1 && t.loss().equals(BinaryCrossEntropy.TYPE);
            layers.add(probabilities ? new Sigmoid() : Activations.create(types, t.activations().get(i)));
        }
        Tensor target = values.get(values.size() - 1);
        if (kink.isPresent()) {
            target = kink.get().placeInto(layers, values.get(0), target, hasRegressionTarget(t.loss()), bound);
        }
        return new NetworkCase(new Network(layers), values.get(0), loss(t.loss()), target);
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

    private static boolean hasRegressionTarget(String loss) {
        return !List.of(SoftmaxCrossEntropy.TYPE, BinaryCrossEntropy.TYPE, BinaryCrossEntropyWithLogits.TYPE).contains(loss);
    }

    /**
     * Pre-activation [row, unit mod width] of block {@code block} placed at {@code offset} from 0, or with
     * {@code block} = depth the residual (y - t)[row, unit mod width] of a regression target (the last
     * block's pre-activation when the target is not a regression target).
     *
     * @param block  the (affine, activation) block, or depth for the loss residual
     * @param row    the batch row
     * @param unit   the unit, taken modulo the width
     * @param offset the distance from the kink at 0
     */
    private record KinkPlacement(int block, int row, int unit, double offset) {
        /**
         * Places the kink, replacing one affine layer of {@code layers} or returning the changed target; leaves
         * both as they are when the bias or target entry needed lies outside [-bound, bound].
         */
        Tensor placeInto(List<Layer> layers, Tensor input, Tensor target, boolean regressionTarget, double bound) {
            int blocks = layers.size() / 2;
            if (block == blocks && regressionTarget) {
                Tensor y = new Network(layers).forward(input);
                int j = row * y.dim(1) + unit % y.dim(1);
                double t = y.get(j) - offset;
                return Math.abs(t) <= bound ? target.with(j, t) : target;
            }
            int index = 2 * Math.min(block, blocks - 1);
            Affine affine = (Affine) layers.get(index);
            Tensor product = new Network(layers.subList(0, index)).forward(input).matmul(affine.weight());
            int width = product.dim(1);
            int j = unit % width;
            double b = offset - product.get(row * width + j);
            if (Math.abs(b) <= bound) {
                layers.set(index, new Affine(affine.weight(), affine.bias().with(j, b)));
            }
            return target;
        }
    }

    private record Topology(List<Integer> widths, List<String> activations, int batch, String loss) {
    }
}
