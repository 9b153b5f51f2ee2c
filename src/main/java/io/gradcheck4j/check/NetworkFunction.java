package io.gradcheck4j.check;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerFailure;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * f(x, &theta;) = J(network(x; &theta;)): a network, an input and an objective (a loss with its target, or an
 * upstream gradient). The analytic gradient is one backward pass; perturbing a parameter of layer i
 * re-runs only layers i..n on the cached input of layer i.
 */
public final class NetworkFunction implements Differentiable {
    private final Network network;
    private final Tensor input;
    private final Objective objective;

    /** f(x, &theta;) = objective(network(x)). */
    public NetworkFunction(Network network, Tensor input, Objective objective) {
        this.network = network;
        this.input = input;
        this.objective = objective;
    }

    /** A single layer checked through J(y) = &Sigma; y &middot; upstream (a vector-Jacobian product). */
    public static NetworkFunction ofLayer(Layer layer, Tensor input, Tensor upstream) {
        return new NetworkFunction(Network.of(layer), input, Objective.upstream(upstream));
    }

    /** The network. */
    public Network network() {
        return network;
    }

    /** The input x. */
    public Tensor input() {
        return input;
    }

    /** The objective J. */
    public Objective objective() {
        return objective;
    }

    @Override
    public String describe() {
        List<String> types = new ArrayList<>();
        for (Layer l : network.layers()) {
            types.add(l.type());
        }
        return String.join(" -> ", types) + " | " + objective.describe();
    }

    @Override
    public List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        vars.add(new Variable(Network.INPUT, "input", input));
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
        ParameterRef ref = ParameterRef.parse(name, network);
        Tensor layerInput = layerInput(ref.layer());
        Layer perturbed = network.layers().get(ref.layer()).withParameters(Map.of(ref.param(), scratch));
        Network perturbedNetwork = network.withLayer(ref.layer(), perturbed);
        return () -> objective.value(perturbedNetwork.forwardFrom(ref.layer(), layerInput));
    }

    /**
     * For the input: one private copy is perturbed in place and carried through the network with
     * {@link Network#forwardIncremental} against the unperturbed trace. For a parameter of layer i: the input of layer i is computed once, each evaluation asks the layer's
     * {@link io.gradcheck4j.engine.ParameterProbe} for its perturbed output (one column for an affine
     * layer) and carries it through layers i+1..n with {@link Network#forwardIncremental} against the
     * unperturbed trace (an element-wise layer recomputes only the changed entries, an affine layer
     * adds their change times the matching rows of W). Values equal those of a full forward pass up to
     * rounding; they do not depend on the order of the calls or on the thread.
     */
    @Override
    public CoordinateFunction bindCoordinates(String name) {
        Network.Trace base = network.trace(input);
        if (name.equals(Network.INPUT)) {
            double[] work = input.toArray();
            Tensor scratch = Tensor.wrap(work, input.shape());
            return (flatIndex, newValue) -> {
                double original = work[flatIndex];
                work[flatIndex] = newValue;
                try {
                    return objective.value(network.forwardIncremental(base, 0, scratch));
                } finally {
                    work[flatIndex] = original;
                }
            };
        }
        ParameterRef ref = ParameterRef.parse(name, network);
        int index = ref.layer();
        Layer layer = network.layers().get(index);
        Tensor layerInput = base.activations().get(index);
        ParameterProbe probe;
        try {
            probe = layer.probe(ref.param(), layerInput);
        } catch (RuntimeException e) {
            throw new LayerFailure(index, layer.type(), "forward failed: " + e.getMessage(), e);
        }
        return (flatIndex, newValue) -> {
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
            return objective.value(network.forwardIncremental(base, index + 1, output));
        };
    }

    private Tensor layerInput(int layer) {
        return new Network(network.layers().subList(0, layer)).forward(input);
    }

    /** A parameter name {@code layers.<i>.<param>} taken apart. */
    private record ParameterRef(int layer, String param) {
        static ParameterRef parse(String name, Network network) {
            String[] parts = name.split("\\.", 3);
            if (parts.length != 3 || !parts[0].equals("layers") || !parts[1].matches("\\d{1,9}")) {
                throw new IllegalArgumentException("no variable " + name);
            }
            int layer = Integer.parseInt(parts[1]);
            if (layer >= network.layers().size()) {
                throw new IllegalArgumentException("no variable " + name + ": the network has " + network.layers().size() + " layers");
            }
            return new ParameterRef(layer, parts[2]);
        }
    }
}
