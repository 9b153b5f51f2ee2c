package io.gradcheck4j.engine;

import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequence of layers y = f<sub>n-1</sub>(... f<sub>0</sub>(x)). One backward pass applies the chain rule
 * from the output back to the input (backprop: "the chain rule implemented with dynamic programming",
 * as the chain-rule post with the CS231n circuit puts it), giving &part;J/&part;x and every parameter gradient, named {@code input} and
 * {@code layers.<i>.<param>}.
 */
public final class Network {
    /** Name of the input gradient in {@link #gradients}. */
    public static final String INPUT = "input";

    /** The plain forward: failures named by {@link LayerFailure}. */
    private static final ForwardStep CHECKED_FORWARD = (i, layer, x) -> LayerFailure.forward(layer, i, x);
    /** The plain backward: failures and malformed gradients named by {@link LayerFailure}. */
    private static final BackwardStep CHECKED_BACKWARD = (i, layer, x, y, dy) -> LayerFailure.backward(layer, i, x, y, dy);

    private final List<Layer> layers;

    /** A network of the given layers, applied in order. */
    public Network(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** A network of the given layers, applied in order. */
    public static Network of(Layer... layers) {
        return new Network(List.of(layers));
    }

    /** The layers in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The name of parameter {@code param} of layer {@code index}: {@code layers.<index>.<param>}. */
    public static String parameterName(int index, String param) {
        return "layers." + index + "." + param;
    }

    /** Every parameter, keyed {@code layers.<i>.<param>}, in layer order. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> p : layers.get(i).parameters().entrySet()) {
                all.put(parameterName(i, p.getKey()), p.getValue());
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** Total number of parameter elements. */
    public int parameterCount() {
        int count = 0;
        for (Tensor t : parameters().values()) {
            count += t.size();
        }
        return count;
    }

    /** The same network with layer {@code index} replaced. */
    public Network withLayer(int index, Layer layer) {
        List<Layer> copy = new ArrayList<>(layers);
        copy.set(index, layer);
        return new Network(copy);
    }

    /** The output y = f(x). */
    public Tensor forward(Tensor x) {
        return trace(x).output();
    }

    /** Runs the layers from {@code from} (inclusive) on {@code activation}, the input of that layer. */
    public Tensor forwardFrom(int from, Tensor activation) {
        Tensor a = activation;
        for (int i = from; i < layers.size(); i++) {
            a = LayerFailure.forward(layers.get(i), i, a);
        }
        return a;
    }

    /** Every activation: a<sub>0</sub> = x, a<sub>i+1</sub> = f<sub>i</sub>(a<sub>i</sub>). */
    public Trace trace(Tensor x) {
        return traceFrom(0, x);
    }

    /**
     * The activations a<sub>from</sub> = {@code activation}, ..., a<sub>n</sub> of running layers
     * {@code from}..n-1 (failures name the layers by their index in this network).
     */
    public Trace traceFrom(int from, Tensor activation) {
        return traceFrom(from, activation, CHECKED_FORWARD);
    }

    /**
     * {@link #trace} with each layer run by {@code step} instead of its plain forward (e.g. to watch it);
     * null when a step returns null.
     */
    public Trace trace(Tensor x, ForwardStep step) {
        return traceFrom(0, x, step);
    }

    private Trace traceFrom(int from, Tensor activation, ForwardStep step) {
        List<Tensor> activations = new ArrayList<>(layers.size() + 1 - from);
        activations.add(activation);
        Tensor a = activation;
        for (int i = from; i < layers.size(); i++) {
            a = step.forward(i, layers.get(i), a);
            if (a == null) {
                return null;
            }
            activations.add(a);
        }
        return new Trace(activations);
    }

    /**
     * Backprop: given the trace of a forward pass and dJ/dy at the output, returns &part;J/&part;x under
     * {@link #INPUT} and &part;J/&part;&theta; for every parameter under {@code layers.<i>.<param>}.
     */
    public Map<String, Tensor> backward(Trace trace, Tensor outputGradient) {
        return backward(trace, outputGradient, CHECKED_BACKWARD);
    }

    /**
     * {@link #backward(Trace, Tensor)} with each layer's gradients computed by {@code step} instead of its
     * plain backward (e.g. to check them); null when a step returns null.
     */
    public Map<String, Tensor> backward(Trace trace, Tensor outputGradient, BackwardStep step) {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        Tensor dy = outputGradient;
        List<Map<String, Tensor>> perLayer = new ArrayList<>(Collections.nCopies(layers.size(), null));
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerGradients g = step.backward(i, layers.get(i), trace.activations().get(i), trace.activations().get(i + 1), dy);
            if (g == null) {
                return null;
            }
            perLayer.set(i, g.parameters());
            dy = g.input();
        }
        grads.put(INPUT, dy);
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> p : perLayer.get(i).entrySet()) {
                grads.put(parameterName(i, p.getKey()), p.getValue());
            }
        }
        return Collections.unmodifiableMap(grads);
    }

    /** Forward then backward: the gradient of J(f(x)) with respect to the input and every parameter. */
    public Map<String, Tensor> gradients(Tensor x, Objective objective) {
        Trace trace = trace(x);
        return backward(trace, objective.gradient(trace.output()));
    }

    /** One layer's forward pass inside {@link #trace(Tensor, ForwardStep)}. */
    @FunctionalInterface
    public interface ForwardStep {
        /** y = f<sub>index</sub>(x) of {@code layer}, the layer at {@code index}; null stops the pass. */
        Tensor forward(int index, Layer layer, Tensor x);
    }

    /** One layer's backward pass inside {@link #backward(Trace, Tensor, BackwardStep)}. */
    @FunctionalInterface
    public interface BackwardStep {
        /**
         * dx and d&theta; of {@code layer}, the layer at {@code index}, given its input x, its output y and
         * dy = &part;J/&part;y; null stops backprop.
         */
        LayerGradients backward(int index, Layer layer, Tensor x, Tensor y, Tensor dy);
    }

    /**
     * The activations of one forward pass.
     *
     * @param activations a<sub>0</sub> = x, ..., a<sub>n</sub> = y
     */
    public record Trace(List<Tensor> activations) {
        /** Copies the list. */
        public Trace {
            activations = List.copyOf(activations);
        }

        /** The network output a<sub>n</sub>. */
        public Tensor output() {
            return activations.get(activations.size() - 1);
        }
    }
}
