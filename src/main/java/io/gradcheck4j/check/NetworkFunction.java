package io.gradcheck4j.check;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
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
        String[] parts = name.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("layers")) {
            throw new IllegalArgumentException("no variable " + name);
        }
        int index = Integer.parseInt(parts[1]);
        Tensor layerInput = new Network(network.layers().subList(0, index)).forward(input);
        Layer perturbed = network.layers().get(index).withParameters(Map.of(parts[2], scratch));
        Network perturbedNetwork = network.withLayer(index, perturbed);
        return () -> objective.value(perturbedNetwork.forwardFrom(index, layerInput));
    }
}
