package io.gradcheck4j.functions;

import io.gradcheck4j.check.BranchPattern;
import io.gradcheck4j.check.Differentiable;
import io.gradcheck4j.check.Evaluation;
import io.gradcheck4j.check.Probe;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.engine.circuit.Circuit;
import io.gradcheck4j.engine.circuit.Node;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The output of a {@link Circuit} as a function of each of its inputs and each of its gates (a gate's value
 * forced to v, the gates downstream recomputed), so a gradient check verifies the backprop gradient of every
 * name, not only of the inputs. Every variable is a scalar (a rank-0 tensor). Evaluations report the
 * branch of every relu gate, so kinks are named by their gate.
 */
public final class CircuitFunction implements Differentiable {
    private final Circuit circuit;

    /** The output of {@code circuit} as a function of its inputs and gates. */
    public CircuitFunction(Circuit circuit) {
        this.circuit = circuit;
    }

    @Override
    public String describe() {
        return "circuit " + circuit.output();
    }

    /** True: a circuit's gates are gradcheck4j's own, pure functions of their inputs. */
    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public List<Variable> variables() {
        Map<String, Double> values = circuit.values();
        List<Variable> vars = new ArrayList<>();
        for (String name : circuit.inputs().keySet()) {
            vars.add(new Variable(name, "input " + name, Tensor.scalar(values.get(name))));
        }
        for (Node node : circuit.nodes()) {
            vars.add(new Variable(node.name(), "node " + node, Tensor.scalar(values.get(node.name()))));
        }
        return vars;
    }

    @Override
    public Map<String, Tensor> analyticGradient() {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        circuit.gradients().forEach((name, g) -> grads.put(name, Tensor.scalar(g)));
        return grads;
    }

    @Override
    public DoubleSupplier bind(String name, Tensor scratch) {
        Probe probe = probe(name, scratch);
        return () -> probe.evaluate().value();
    }

    /**
     * The output with the branch of every piecewise gate, stages {@code gate <name> (<op>)}: a stencil across
     * a relu gate's kink is then reported non-differentiable by the gate that changes branch.
     */
    @Override
    public Probe probe(String name, Tensor scratch) {
        if (!circuit.names().contains(name)) {
            throw new IllegalArgumentException("the circuit has no input or node named '" + name + "'");
        }
        Map<String, String> stages = new LinkedHashMap<>();
        for (Node node : circuit.nodes()) {
            stages.put(node.name(), "gate " + node.name() + " (" + node.op().label() + ")");
        }
        return () -> {
            Circuit.Forced forced = circuit.forcedWith(name, scratch.get(0));
            List<BranchPattern> branches = new ArrayList<>();
            forced.branches().forEach((gate, pattern) -> branches.add(new BranchPattern(stages.get(gate), pattern)));
            return new Evaluation(forced.value(), branches);
        };
    }
}
