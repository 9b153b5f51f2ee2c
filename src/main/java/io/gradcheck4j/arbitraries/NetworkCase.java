package io.gradcheck4j.arbitraries;

import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated gradient-check case: a network, an input batch x and a loss with its target, i.e. the
 * scalar f(x, &theta;) = loss(network(x; &theta;), target) whose gradient is checked.
 *
 * @param network the layers
 * @param input   the input batch x, [batch, features]
 * @param loss    the loss on the network output
 * @param target  the loss target (a tensor shaped like the output, or class labels [batch])
 */
public record NetworkCase(Network network, Tensor input, Loss loss, Tensor target) {

    /** J(y) = loss(y, target). */
    public Objective objective() {
        return Objective.loss(loss, target);
    }

    /** The checked function f(x, &theta;) = J(network(x; &theta;)). */
    public NetworkFunction function() {
        return new NetworkFunction(network, input, objective());
    }

    /** The loss value at the current parameters. */
    public double lossValue() {
        return loss.value(network.forward(input), target);
    }

    /** The batch size (rows of the input). */
    public int batch() {
        return input.dim(0);
    }

    /** The same case with another network (e.g. one layer replaced by a faulty variant). */
    public NetworkCase withNetwork(Network other) {
        return new NetworkCase(other, input, loss, target);
    }

    /** The same case with another loss on the same target. */
    public NetworkCase withLoss(Loss other) {
        return new NetworkCase(network, input, other, target);
    }

    /** A one-line summary such as {@code batch 2: affine 3->4, tanh, affine 4->2 | mse}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Layer layer : network.layers()) {
            Tensor w = layer.parameters().get("weight");
            parts.add(w != null && w.rank() == 2 ? layer.type() + " " + w.dim(0) + "->" + w.dim(1) : layer.type());
        }
        return "batch " + batch() + ": " + String.join(", ", parts) + " | " + loss.type();
    }
}
