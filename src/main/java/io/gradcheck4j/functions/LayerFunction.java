package io.gradcheck4j.functions;

import io.gradcheck4j.check.BranchPattern;
import io.gradcheck4j.check.CheckAborted;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.engine.GradientProblem;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A layer as a vector function y = forward(x; &theta;) of its input and every parameter, at one point, with
 * J<sup>T</sup> dy from its {@code backward}: a full Jacobian check compares every output with respect to the
 * input and each parameter.
 *
 * <p>Only the minimal contract is used, and the caller's layer object is never run: every evaluation builds a
 * layer with {@link Layer#withParameters} on fresh copies of all parameters and runs {@code forward} on a fresh
 * copy of x; every backward runs right after its own forward on the same layer object (so a layer that keeps a
 * cache in a field, or copies its parameters, gets its own consistent state). The layer's branch pattern
 * marks kinks: a stencil across one is non-differentiable, not wrong. The pattern is the layer's as a whole, so an
 * input entry whose stencil flips any branch is reported non-differentiable for every output row, also for rows
 * that do not depend on it. Nothing is assumed about thread safety:
 * the layer is declared thread-safe or not by the caller.
 */
public final class LayerFunction implements VectorFunction {
    private static final String INPUT = "input";

    private final Layer layer;
    private final List<Variable> inputs;
    private final int[] outputShape;
    private final boolean threadSafe;
    private final List<Finding> problems = new ArrayList<>();

    /**
     * The layer at input x and its current parameters.
     *
     * @throws IllegalArgumentException when x or a parameter is empty or not finite, a parameter is named
     *                                  {@code input}, or forward returns nothing
     */
    public LayerFunction(Layer layer, Tensor x, boolean threadSafe) {
        this.layer = layer;
        this.threadSafe = threadSafe;
        List<Variable> vars = new ArrayList<>();
        vars.add(variable(INPUT, "input", x));
        for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
            if (p.getKey().equals(INPUT)) {
                throw new IllegalArgumentException("layer " + layer.type() + " has a parameter named input, the name of its input");
            }
            vars.add(variable(p.getKey(), "parameter " + p.getKey(), p.getValue()));
        }
        this.inputs = List.copyOf(vars);
        double[][] point = point();
        Layer at = build(point);
        Tensor y = forward(at, point[0]);
        if (y.size() == 0) {
            throw new IllegalArgumentException("layer " + layer.type() + ": forward returned no values: nothing to check");
        }
        this.outputShape = y.shape();
        Tensor dy = Tensor.filled(1, outputShape);
        LayerGradients g = call("backward", () -> at.backward(Tensor.wrap(point[0], inputs.get(0).value().shape()), y, dy));
        for (GradientProblem p : GradientProblem.of(at, inputs.get(0).value(), g)) {
            Finding.Kind kind = switch (p.kind()) {
                case MISSING -> Finding.Kind.MISSING_GRADIENT;
                case WRONG_SHAPE -> Finding.Kind.WRONG_GRADIENT_SHAPE;
                case UNEXPECTED -> Finding.Kind.UNEXPECTED_GRADIENT;
            };
            problems.add(new Finding(kind, "layer " + layer.type() + " " + p.tensor(), p.message()));
        }
    }

    /**
     * What is wrong with the gradients backward returns (missing, misshapen, or for a parameter the layer
     * lacks), as findings; empty when they fit.
     */
    @Override
    public List<Finding> problems() {
        return List.copyOf(problems);
    }

    @Override
    public String describe() {
        return "layer " + layer.type() + ": Jacobian of forward";
    }

    @Override
    public List<Variable> inputs() {
        return inputs;
    }

    @Override
    public int outputs() {
        return Tensor.sizeOf(outputShape);
    }

    @Override
    public String outputName(int i) {
        return "output " + Tensor.zeros(outputShape).formatIndex(i);
    }

    @Override
    public Output evaluate(double[][] args) {
        Layer at = build(args);
        Tensor x = Tensor.wrap(args[0], inputs.get(0).value().shape());
        Tensor y = forward(at, args[0]);
        if (!Arrays.equals(y.shape(), outputShape)) {
            throw new IllegalArgumentException("layer " + layer.type() + ": forward returned shape " + Arrays.toString(y.shape())
                    + " at a perturbed point, but " + Arrays.toString(outputShape) + " at the given one");
        }
        int[] pattern = call("branchPattern", () -> at.branchPattern(x));
        List<BranchPattern> branches = pattern == null || pattern.length == 0 ? List.of()
                : List.of(new BranchPattern("layer " + layer.type(), pattern));
        return new Output(y.toArray(), branches);
    }

    @Override
    public double[][] vjp(double[] v) {
        double[][] point = point();
        Layer at = build(point);
        Tensor x = Tensor.wrap(point[0], inputs.get(0).value().shape());
        Tensor y = forward(at, point[0]);
        LayerGradients g = call("backward", () -> at.backward(x, y, Tensor.of(v, outputShape)));
        if (GradientProblem.of(at, inputs.get(0).value(), g).stream().anyMatch(GradientProblem::blocking)) {
            throw new CheckAborted("layer " + layer.type() + ": backward returned missing or misshapen gradients for one upstream gradient only", null);
        }
        double[][] out = new double[inputs.size()][];
        out[0] = g.input().toArray();
        for (int k = 1; k < inputs.size(); k++) {
            out[k] = g.parameters().get(inputs.get(k).name()).toArray();
        }
        return out;
    }

    @Override
    public double[][][] jacobian() {
        double[][][] rows = new double[outputs()][][];
        for (int i = 0; i < rows.length; i++) {
            double[] e = new double[rows.length];
            e[i] = 1;
            rows[i] = vjp(e);
        }
        return rows;
    }

    @Override
    public boolean threadSafe() {
        return threadSafe;
    }

    private double[][] point() {
        return inputs.stream().map(v -> v.value().toArray()).toArray(double[][]::new);
    }

    /** A layer with every parameter set to (a wrap of) the given arrays; the arrays are the callee's. */
    private Layer build(double[][] args) {
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (int k = 1; k < inputs.size(); k++) {
            parameters.put(inputs.get(k).name(), Tensor.wrap(args[k], inputs.get(k).value().shape()));
        }
        Layer built = call("withParameters", () -> layer.withParameters(parameters));
        if (built == null) {
            throw new CheckAborted("layer " + layer.type() + ": withParameters returned null", null);
        }
        return built;
    }

    private Tensor forward(Layer at, double[] x) {
        Tensor y = call("forward", () -> at.forward(Tensor.wrap(x, inputs.get(0).value().shape())));
        if (y == null) {
            throw new CheckAborted("layer " + layer.type() + ": forward returned null", null);
        }
        return y;
    }

    private <T> T call(String pass, Supplier<T> code) {
        try {
            return code.get();
        } catch (CheckAborted e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CheckAborted("layer " + layer.type() + ": " + pass + " threw " + e, e);
        }
    }

    private Variable variable(String name, String location, Tensor value) {
        if (value.size() == 0) {
            throw new IllegalArgumentException("layer " + layer.type() + " " + location + " is empty: a check of zero entries checks nothing");
        }
        int bad = value.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException("layer " + layer.type() + " " + location + " is " + value.get(bad) + " at index "
                    + value.formatIndex(bad) + ": a derivative at a non-finite point cannot be checked");
        }
        return new Variable(name, location, Tensor.of(value.toArray(), value.shape()));
    }
}
