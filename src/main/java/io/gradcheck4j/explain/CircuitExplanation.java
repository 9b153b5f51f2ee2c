package io.gradcheck4j.explain;

import io.gradcheck4j.engine.circuit.Circuit;
import io.gradcheck4j.engine.circuit.Node;
import io.gradcheck4j.engine.circuit.Operand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A circuit's forward and backward passes gate by gate, as in the CS231n circuit: the forward pass
 * evaluates each gate on its arguments' values; the backward pass starts from d out/d out = 1 and, from the
 * last gate to the first, sends each argument local gradient &times; upstream gradient, summing over uses.
 */
public final class CircuitExplanation {
    private CircuitExplanation() {
    }

    /** The trace as lines of text. */
    public static List<String> lines(Circuit circuit) {
        Map<String, Double> values = circuit.values();
        String out = circuit.output();
        List<String> lines = new ArrayList<>();
        lines.add("Forward pass (inputs, then every gate in order):");
        circuit.inputs().forEach((name, v) -> lines.add("  " + name + " = " + CompactNumbers.format(v)));
        for (Node node : circuit.nodes()) {
            List<String> argValues = node.args().stream().map(a -> CompactNumbers.format(valueOf(a, values))).toList();
            lines.add("  " + node + " = " + node.op().label() + "(" + String.join(", ", argValues) + ") = "
                    + CompactNumbers.format(values.get(node.name())) + (node.name().equals(out) ? "   <- output" : ""));
        }
        lines.add("");
        lines.add("Backward pass (chain rule from the output back, last gate first; each argument receives local gradient x upstream gradient):");
        lines.add("  d" + out + "/d" + out + " = 1");
        Map<String, Double> grads = new LinkedHashMap<>();
        Map<String, Integer> uses = new LinkedHashMap<>();
        circuit.names().forEach(n -> {
            grads.put(n, 0.0);
            uses.put(n, 0);
        });
        grads.put(out, 1.0);
        List<Node> nodes = circuit.nodes();
        for (int n = nodes.size() - 1; n >= 0; n--) {
            Node node = nodes.get(n);
            double upstream = grads.get(node.name());
            double[] args = node.args().stream().mapToDouble(a -> valueOf(a, values)).toArray();
            double[] local = node.op().localDerivatives(args, values.get(node.name()));
            lines.add("  " + node + "   upstream d" + out + "/d" + node.name() + " = " + CompactNumbers.format(upstream));
            for (int k = 0; k < args.length; k++) {
                if (node.args().get(k) instanceof Operand.Ref ref) {
                    double contribution = local[k] * upstream;
                    double total = grads.get(ref.name()) + contribution;
                    grads.put(ref.name(), total);
                    int use = uses.merge(ref.name(), 1, Integer::sum);
                    lines.add("    to " + ref.name() + ": local gradient d" + node.name() + "/d" + ref.name() + " = " + CompactNumbers.format(local[k])
                            + ", times upstream " + CompactNumbers.format(upstream) + " = " + CompactNumbers.format(contribution)
                            + (use > 1 ? "   (fan-out: d" + out + "/d" + ref.name() + " sums to " + CompactNumbers.format(total) + ")" : ""));
                }
            }
        }
        lines.add("");
        lines.add("Gradients d" + out + "/dv:");
        circuit.gradients().forEach((name, g) -> lines.add("  d" + out + "/d" + name + " = " + CompactNumbers.format(g)));
        return lines;
    }

    private static double valueOf(Operand operand, Map<String, Double> values) {
        return operand instanceof Operand.Ref ref ? values.get(ref.name()) : ((Operand.Constant) operand).value();
    }
}
