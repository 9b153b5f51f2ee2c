package io.gradcheck4j.explain;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.Loss;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.Objective;
import io.gradcheck4j.engine.layers.Affine;
import io.gradcheck4j.engine.layers.Elementwise;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network's forward and backward passes layer by layer, with the chain-rule factors named as in the sigmoid perceptron example:
 * for the perceptron a = x w + b, y = sigmoid(a), E = 1/2 (y - t)<sup>2</sup> the backward pass shows
 * dE/dy = (y - t), dy/da = y(1 - y) and da/dw = x, each with its values, and the chain
 * dE/dw = dE/dy &middot; dy/da &middot; da/dw.
 *
 * <p>Values are named x (input), a (affine outputs, pre-activations), h (other hidden outputs) and y (the
 * network output), numbered when a network has several of a kind; affine parameters are w and b.
 */
public final class NetworkExplanation {
    private NetworkExplanation() {
    }

    /**
     * The trace as lines of text.
     *
     * @param loss     the loss (null when the objective is an upstream gradient)
     * @param target   the loss target (null with an upstream gradient)
     * @param upstream the upstream gradient u of J = &Sigma; y &middot; u (null with a loss)
     */
    public static List<String> lines(Network network, Tensor x, Loss loss, Tensor target, Tensor upstream) {
        List<Layer> layers = network.layers();
        String[] names = valueNames(layers);
        String j = loss != null ? "E" : "J";
        Objective objective = loss != null ? Objective.loss(loss, target) : Objective.upstream(upstream);
        Network.Trace trace = network.trace(x);
        List<String> lines = new ArrayList<>();

        lines.add("Forward pass (layer by layer):");
        lines.add("  " + names[0] + " = " + CompactNumbers.format(x));
        for (int i = 0; i < layers.size(); i++) {
            lines.add("  layer " + i + " (" + layers.get(i).type() + "): " + forwardFormula(layers.get(i), names[i], names[i + 1], suffix(names[i + 1]))
                    + " = " + CompactNumbers.format(trace.activations().get(i + 1)));
        }
        String y = names[layers.size()];
        if (loss != null) {
            lines.add("  loss (" + loss.type() + "): " + j + " = " + lossFormula(loss.type(), y) + " with t = " + CompactNumbers.format(target)
                    + " = " + CompactNumbers.format(objective.value(trace.output())));
        } else {
            lines.add("  objective: J = sum(" + y + " * u) with upstream u = " + CompactNumbers.format(upstream) + " = "
                    + CompactNumbers.format(objective.value(trace.output())));
        }

        lines.add("");
        lines.add("Backward pass (chain rule from " + j + " back; every gradient = upstream gradient x local factor):");
        Tensor dy = objective.gradient(trace.output());
        lines.add("  d" + j + "/d" + y + " = " + lossGradientFormula(loss, y) + " = " + CompactNumbers.format(dy));
        List<String> chain = new ArrayList<>();
        chain.add("d" + j + "/d" + y + " [" + lossGradientFormula(loss, y) + "]");
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            String in = names[i];
            String out = names[i + 1];
            Tensor xi = trace.activations().get(i);
            Tensor yi = trace.activations().get(i + 1);
            LayerGradients g = layer.backward(xi, yi, dy);
            lines.add("  layer " + i + " (" + layer.type() + "), " + forwardFormula(layer, in, out, suffix(out)) + ":");
            if (layer instanceof Affine affine) {
                String w = "w" + suffix(out);
                String b = "b" + suffix(out);
                lines.add("    local factors: d" + out + "/d" + w + " = " + in + ", d" + out + "/d" + b + " = 1, d" + out + "/d" + in + " = " + w
                        + " (" + w + " = " + CompactNumbers.format(affine.weight()) + ")");
                lines.add("    d" + j + "/d" + w + " = " + in + "^T . d" + j + "/d" + out + " = " + CompactNumbers.format(g.parameters().get(Affine.WEIGHT)));
                lines.add("    d" + j + "/d" + b + " = sum over the batch of d" + j + "/d" + out + " = " + CompactNumbers.format(g.parameters().get(Affine.BIAS)));
                lines.add("    d" + j + "/d" + in + " = d" + j + "/d" + out + " . " + w + "^T = " + CompactNumbers.format(g.input()));
                lines.add("    chain: d" + j + "/d" + w + " = " + String.join(" . ", chain) + " . d" + out + "/d" + w + " [" + in + "]");
                chain.add("d" + out + "/d" + in + " [" + w + "]");
            } else if (layer instanceof Elementwise) {
                Tensor local = layer.backward(xi, yi, Tensor.filled(1.0, yi.shape())).input();
                String factor = elementwiseFactor(layer.type(), in, out);
                lines.add("    local factor: d" + out + "/d" + in + " = " + factor + " = " + CompactNumbers.format(local));
                lines.add("    d" + j + "/d" + in + " = d" + j + "/d" + out + " * d" + out + "/d" + in + " = " + CompactNumbers.format(g.input()));
                chain.add("d" + out + "/d" + in + " [" + factor + "]");
            } else {
                for (Map.Entry<String, Tensor> p : g.parameters().entrySet()) {
                    lines.add("    d" + j + "/d(" + p.getKey() + ") = " + CompactNumbers.format(p.getValue()));
                }
                lines.add("    d" + j + "/d" + in + " (by the layer's backward rule) = " + CompactNumbers.format(g.input()));
                chain.add("d" + out + "/d" + in);
            }
            dy = g.input();
        }
        lines.add("  chain for the input: d" + j + "/d" + names[0] + " = " + String.join(" . ", chain));
        return lines;
    }

    /** x, then a / h per layer kind (numbered when repeated), the last one y. */
    private static String[] valueNames(List<Layer> layers) {
        int affines = (int) layers.stream().filter(l -> l instanceof Affine).count();
        int others = layers.size() - affines;
        String[] names = new String[layers.size() + 1];
        names[0] = "x";
        int a = 0;
        int h = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (i == layers.size() - 1) {
                names[i + 1] = "y";
            } else if (layers.get(i) instanceof Affine) {
                a++;
                names[i + 1] = affines > 1 ? "a" + a : "a";
            } else {
                h++;
                names[i + 1] = others > 1 ? "h" + h : "h";
            }
        }
        return names;
    }

    private static String suffix(String name) {
        return name.length() > 1 ? name.substring(1) : "";
    }

    private static String forwardFormula(Layer layer, String in, String out, String suffix) {
        if (layer instanceof Affine) {
            return out + " = " + in + " . w" + suffix + " + b" + suffix;
        }
        return out + " = " + layer.type() + "(" + in + ")";
    }

    private static String elementwiseFactor(String type, String in, String out) {
        return switch (type) {
            case "sigmoid" -> out + "(1 - " + out + ")";
            case "tanh" -> "1 - " + out + "^2";
            case "relu" -> "1 where " + in + " > 0, else 0";
            case "step" -> "0 (a step passes no gradient)";
            case "identity" -> "1";
            default -> type + "'(" + in + ")";
        };
    }

    private static String lossFormula(String type, String y) {
        return switch (type) {
            case "half_squared_error" -> "1/2 sum (" + y + " - t)^2";
            case "mse" -> "mean (" + y + " - t)^2";
            case "softmax_cross_entropy" -> "mean over the batch of -log softmax(" + y + ")[t]";
            default -> type + "(" + y + ", t)";
        };
    }

    private static String lossGradientFormula(Loss loss, String y) {
        if (loss == null) {
            return "u";
        }
        return switch (loss.type()) {
            case "half_squared_error" -> "(" + y + " - t)";
            case "mse" -> "2 (" + y + " - t) / n";
            case "softmax_cross_entropy" -> "(softmax(" + y + ") - onehot(t)) / batch";
            default -> "the gradient of " + loss.type();
        };
    }
}
