package io.gradcheck4j.functions;

import io.gradcheck4j.check.BranchPattern;
import io.gradcheck4j.check.CoordinateFunction;
import io.gradcheck4j.check.DirectionFunction;
import io.gradcheck4j.check.Evaluation;
import io.gradcheck4j.check.LayerwiseFunction;
import io.gradcheck4j.check.Probe;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerFailure;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.Incremental;
import io.gradcheck4j.engine.fast.LossPatch;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.engine.fast.PatchedTrace;
import io.gradcheck4j.engine.fast.Probes;
import io.gradcheck4j.engine.fast.SmoothStages;
import io.gradcheck4j.tensor.Tensor;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * f(x, &theta;) = J(network(x; &theta;)): a network, an input and an objective (a loss with its target, or an
 * upstream gradient). The analytic gradient is one backward pass; perturbing a parameter of layer i
 * re-runs only layers i..n on the cached input of layer i.
 *
 * <p>Any layer meeting the minimal {@link Layer} contract is evaluated correctly: every perturbed layer is
 * built by {@code withParameters} with a fresh tensor, which is never changed afterwards (so a layer may copy
 * it); a {@link FastLayer} (gradcheck4j's own) is evaluated through its speed paths instead, with the same
 * values up to rounding. f is {@link #threadSafe()} only when every layer is {@link Pure} and the objective
 * declares itself thread-safe, so a layer with mutable caches is never run on two threads at once.
 */
public final class NetworkFunction implements LayerwiseFunction {
    private final Network network;
    private final Tensor input;
    private final Objective objective;
    private final boolean inputChecked;
    /** Per layer of {@link #network}: whether its branch pattern is empty at every input ({@link SmoothStages}). */
    private final boolean[] smoothLayers;
    /** Whether the objective's branch pattern is empty at every output. */
    private final boolean smoothObjective;
    /** The unperturbed forward trace, computed on first use (immutable, so a benign race at worst computes it twice). */
    private volatile Network.Trace baseTrace;

    /** f(x, &theta;) = objective(network(x)). */
    public NetworkFunction(Network network, Tensor input, Objective objective) {
        this(network, input, objective, true);
    }

    private NetworkFunction(Network network, Tensor input, Objective objective, boolean inputChecked) {
        this.network = network;
        this.input = input;
        this.objective = objective;
        this.inputChecked = inputChecked;
        List<Layer> layers = network.layers();
        this.smoothLayers = new boolean[layers.size()];
        for (int i = 0; i < smoothLayers.length; i++) {
            smoothLayers[i] = SmoothStages.smooth(layers.get(i));
        }
        this.smoothObjective = SmoothStages.smooth(objective);
    }

    /**
     * The same f with the input left out of its {@link #variables()}: only the parameters are checked (for an
     * input of integer indices, whose gradient is zero by definition). The diagnostics still run layer by layer.
     */
    public NetworkFunction parametersOnly() {
        return new NetworkFunction(network, input, objective, false);
    }

    /** A single layer checked through J(y) = &Sigma; y &middot; upstream (a vector-Jacobian product). */
    public static NetworkFunction ofLayer(Layer layer, Tensor input, Tensor upstream) {
        return new NetworkFunction(Network.of(layer), input, Objective.upstream(upstream));
    }

    /** The network. */
    @Override
    public Network network() {
        return network;
    }

    /** The input x. */
    @Override
    public Tensor input() {
        return input;
    }

    /** The objective J. */
    @Override
    public Objective objective() {
        return objective;
    }

    @Override
    public String describe() {
        List<String> types = new ArrayList<>();
        for (Layer l : network.layers()) {
            types.add(l.type());
        }
        return String.join(" -> ", types) + " | " + objective.describe() + (inputChecked ? "" : " (parameters only)");
    }

    /** True iff every layer is {@link Pure} and the objective is thread-safe (see {@link Objective#threadSafe}). */
    @Override
    public boolean threadSafe() {
        return objective.threadSafe() && network.layers().stream().allMatch(l -> l instanceof Pure);
    }

    @Override
    public List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        if (inputChecked) {
            vars.add(new Variable(Network.INPUT, "input", input));
        }
        List<Layer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> p : layers.get(i).parameters().entrySet()) {
                vars.add(new Variable(Network.parameterName(i, p.getKey()),
                        "layer " + i + " (" + layers.get(i).type() + ") parameter " + p.getKey(), p.getValue()));
            }
        }
        return vars;
    }

    @Override
    public Map<String, Tensor> analyticGradient() {
        return network.gradients(input, objective);
    }

    @Override
    public DoubleSupplier bind(String name, Tensor scratch) {
        if (name.equals(Network.INPUT)) {
            return () -> objective.value(network.forward(scratch));
        }
        int index = layerOf(name);
        Tensor layerInput = new Network(network.layers().subList(0, index)).forward(input);
        return () -> objective.value(perturbed(name, index, scratch).forwardFrom(index, layerInput));
    }

    /**
     * Evaluates f with the branch pattern of every piecewise layer from the perturbed one on, and of the
     * loss: stages {@code layer <i> (<type>)} and {@code loss (<type>)}; smooth stages are left out.
     */
    @Override
    public Probe probe(String name, Tensor scratch) {
        if (name.equals(Network.INPUT)) {
            return () -> evaluation(network, 0, network.traceFrom(0, scratch).activations());
        }
        int index = layerOf(name);
        Tensor layerInput = new Network(network.layers().subList(0, index)).forward(input);
        return () -> {
            Network evaluated = perturbed(name, index, scratch);
            return evaluation(evaluated, index, evaluated.traceFrom(index, layerInput).activations());
        };
    }

    /**
     * The fast path of a full check, allocating no activations per evaluation where the layers allow it
     * ({@link PatchedTrace}: each evaluator keeps one buffer per activation, writes the perturbation's changes
     * into them and puts them back). For the input: the changed entry is carried through the network. For a
     * parameter of layer i: the input of layer i is computed once, each evaluation asks the layer's
     * {@link ParameterProbe} to write its perturbed output (one column for an affine layer) and carries it
     * through layers i+1..n (an element-wise layer recomputes only the changed entries, an affine layer adds
     * their change times the matching rows of W). A layer without such a path (every plain layer) falls back
     * to {@link Incremental#trace}, which allocates; a plain layer's parameter probe builds the perturbed layer by
     * {@code withParameters} with a fresh tensor per evaluation ({@link Probes#parameter}). Values equal those of {@link #probe} up to rounding,
     * with the same branch patterns; they do not depend on the order of the calls or the thread. When the
     * patched part reaches the output and the objective is a {@link io.gradcheck4j.engine.fast.PatchableLoss}, the
     * loss too is recomputed from the output entries written ({@link LossPatch}, bit for bit its full value).
     */
    @Override
    public CoordinateFunction bindCoordinates(String name) {
        Network.Trace base = baseTrace();
        LossPatch loss = lossPatch(base.activations().get(base.activations().size() - 1));
        if (name.equals(Network.INPUT)) {
            PatchedTrace patched = new PatchedTrace(network, base, 0);
            double[] work = patched.first();
            return (flatIndex, newValue) -> {
                Objects.checkIndex(flatIndex, work.length);
                work[flatIndex] = newValue;
                patched.firstWritten()[0] = flatIndex;
                try {
                    List<Tensor> activations = patched.propagate(1);
                    return evaluation(network, 0, activations, patchedValue(loss, patched, activations));
                } finally {
                    patched.restore();
                }
            };
        }
        int index = layerOf(name);
        String param = name.split("\\.", 3)[2];
        Layer layer = network.layers().get(index);
        Tensor layerInput = base.activations().get(index);
        ParameterProbe probe;
        try {
            probe = Probes.parameter(layer, param, layerInput, base.activations().get(index + 1));
        } catch (RuntimeException e) {
            throw new LayerFailure(index, layer.type(), "forward failed: " + e.getMessage(), e);
        }
        PatchedTrace patched = new PatchedTrace(network, base, index + 1);
        return (flatIndex, newValue) -> {
            int written;
            try {
                written = probe.forwardWithInto(flatIndex, newValue, patched.first(), patched.firstWritten());
            } catch (LayerFailure e) {
                throw e;
            } catch (RuntimeException e) {
                throw new LayerFailure(index, layer.type(), "forward failed: " + e.getMessage(), e);
            }
            if (written >= 0) {
                try {
                    List<Tensor> rest = patched.propagate(written);
                    return evaluation(network, index, new Prepended(layerInput, rest), patchedValue(loss, patched, rest));
                } finally {
                    patched.restore();
                }
            }
            List<Tensor> activations = new ArrayList<>(network.layers().size() + 1 - index);
            activations.add(layerInput);
            Tensor output;
            try {
                output = probe.forwardWith(flatIndex, newValue);
            } catch (LayerFailure e) {
                throw e;
            } catch (RuntimeException e) {
                throw new LayerFailure(index, layer.type(), "forward failed: " + e.getMessage(), e);
            }
            if (output == null) {
                throw new LayerFailure(index, layer.type(), "forward returned null", null);
            }
            activations.addAll(Incremental.trace(network, base, index + 1, output).activations());
            return evaluation(network, index, activations);
        };
    }

    /** The objective's {@link LossPatch} at the output y, or null when it has none or fails on y (then each evaluation asks the objective, and fails as it does). */
    private LossPatch lossPatch(Tensor y) {
        try {
            return LossPatch.of(objective, y);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * J(a<sub>n</sub>) by {@code loss} from the output entries {@code patched} wrote, when it has a patch path and
     * the patched part reached the output; NaN, meaning {@link Objective#value} is to be asked, otherwise.
     */
    private static double patchedValue(LossPatch loss, PatchedTrace patched, List<Tensor> activations) {
        if (loss == null || patched.lastCount() < 0) {
            return Double.NaN;
        }
        return loss.value(activations.get(activations.size() - 1), patched.lastWritten(), patched.lastCount());
    }

    /** {@link #evaluation(Network, int, List)} with J already known, unless {@code value} is NaN (see {@link #patchedValue}). */
    private Evaluation evaluation(Network evaluated, int from, List<Tensor> activations, double value) {
        if (Double.isNaN(value)) {
            return evaluation(evaluated, from, activations);
        }
        List<BranchPattern> branches = branches(evaluated, from, activations);
        return new Evaluation(value, branches);
    }

    /**
     * f and the branch patterns of layers {@code from}..n of {@code evaluated} and of the loss, from
     * activations a<sub>from</sub>..a<sub>n</sub>; smooth stages are left out.
     */
    private Evaluation evaluation(Network evaluated, int from, List<Tensor> activations) {
        List<BranchPattern> branches = branches(evaluated, from, activations);
        return new Evaluation(objective.value(activations.get(activations.size() - 1)), branches);
    }

    /**
     * The branch patterns of layers {@code from}..n of {@code evaluated} and of the loss; smooth stages are left out.
     * Of {@link #network} itself, the layers and objective whose pattern is empty at every input are not asked.
     */
    private List<BranchPattern> branches(Network evaluated, int from, List<Tensor> activations) {
        List<Layer> layers = evaluated.layers();
        boolean known = evaluated == network;
        List<BranchPattern> branches = List.of();    // a smooth network's evaluations share the empty list
        for (int i = from; i < layers.size(); i++) {
            if (known && smoothLayers[i]) {
                continue;
            }
            int[] pattern = layers.get(i).branchPattern(activations.get(i - from));
            if (pattern.length > 0) {
                branches = branches.isEmpty() ? new ArrayList<>() : branches;
                branches.add(new BranchPattern("layer " + i + " (" + layers.get(i).type() + ")", pattern));
            }
        }
        if (smoothObjective) {
            return branches;
        }
        Tensor a = activations.get(activations.size() - 1);
        int[] lossPattern = objective.branchPattern(a);
        if (lossPattern.length > 0) {
            branches = branches.isEmpty() ? new ArrayList<>() : branches;
            branches.add(new BranchPattern("loss (" + objective.describe() + ")", lossPattern));
        }
        return branches;
    }

    /**
     * Along a direction of a parameter of layer i: the input of layer i is computed once and the layer's
     * {@link DirectionProbe} gives its output at &theta; + t u (an affine layer precomputes x &middot; U), then
     * layers i+1..n run on it. Along the input, layer 0's {@link FastLayer#probeInputDirection} does the same.
     * A plain layer runs its forward at &theta; + t u (a fresh layer by {@code withParameters}) or x + t u
     * ({@link Probes}).
     * Values equal those of {@link #probe} up to rounding, with the same branch patterns.
     */
    @Override
    public DirectionFunction bindDirection(String name, Tensor direction) {
        if (network.layers().isEmpty()) {
            return LayerwiseFunction.super.bindDirection(name, direction);
        }
        boolean alongInput = name.equals(Network.INPUT);
        int index = alongInput ? 0 : layerOf(name);
        Layer layer = network.layers().get(index);
        Network.Trace base = baseTrace();
        Tensor layerInput = base.activations().get(index);
        Tensor layerOutput = base.activations().get(index + 1);
        DirectionProbe probe;
        try {
            probe = alongInput ? Probes.inputDirection(layer, input, layerOutput, direction)
                    : Probes.direction(layer, name.split("\\.", 3)[2], layerInput, layerOutput, direction);
        } catch (RuntimeException e) {
            throw new LayerFailure(index, layer.type(), "forward failed: " + e.getMessage(), e);
        }
        return t -> {
            Tensor output;
            try {
                output = probe.forwardAt(t);
            } catch (LayerFailure e) {
                throw e;
            } catch (RuntimeException e) {
                throw new LayerFailure(index, layer.type(), "forward failed: " + e.getMessage(), e);
            }
            if (output == null) {
                throw new LayerFailure(index, layer.type(), "forward returned null", null);
            }
            List<Tensor> rest = network.traceFrom(index + 1, output).activations();
            List<Tensor> activations = alongInput ? new Prepended(() -> input.plusScaled(t, direction), rest) : new Prepended(layerInput, rest);
            return evaluation(network, index, activations);
        };
    }

    private Network.Trace baseTrace() {
        Network.Trace trace = baseTrace;
        if (trace == null) {
            trace = network.trace(input);
            baseTrace = trace;
        }
        return trace;
    }

    private int layerOf(String name) {
        String[] parts = name.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("layers") || !parts[1].matches("\\d{1,9}")
                || Integer.parseInt(parts[1]) >= network.layers().size()) {
            throw new IllegalArgumentException("no variable " + name);
        }
        return Integer.parseInt(parts[1]);
    }

    /** The network with layer {@code index} rebuilt on a copy of {@code scratch}'s current values. */
    private Network perturbed(String name, int index, Tensor scratch) {
        String param = name.split("\\.", 3)[2];
        Tensor copy = Tensor.wrap(scratch.toArray(), scratch.shape());
        return network.withLayer(index, network.layers().get(index).withParameters(Map.of(param, copy)));
    }

    /**
     * The list first, rest<sub>0</sub>, rest<sub>1</sub>, ...: a view, so an evaluation copies no list of activations.
     * The first entry is made when first read: along a direction of the input, x + t u is needed only for the branch
     * pattern of a piecewise first layer, and building it would cost as much as the layer's own forward pass.
     */
    private static final class Prepended extends AbstractList<Tensor> {
        private final Supplier<Tensor> supplier;
        private final List<Tensor> rest;
        private Tensor first;

        Prepended(Tensor first, List<Tensor> rest) {
            this.supplier = null;
            this.first = first;
            this.rest = rest;
        }

        Prepended(Supplier<Tensor> first, List<Tensor> rest) {
            this.supplier = first;
            this.rest = rest;
        }

        @Override
        public Tensor get(int index) {
            if (index != 0) {
                return rest.get(index - 1);
            }
            if (first == null) {
                first = supplier.get();
            }
            return first;
        }

        @Override
        public int size() {
            return rest.size() + 1;
        }
    }
}
