package io.gradcheck4j.functions;

import io.gradcheck4j.check.Differentiable;
import io.gradcheck4j.check.Evaluation;
import io.gradcheck4j.check.Probe;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The scalar g(x<sub>1</sub>, ..., x<sub>k</sub>) = w &middot; f(x<sub>1</sub>, ..., x<sub>k</sub>) of a
 * {@link VectorFunction} f, with the analytic gradient J<sup>T</sup> w: for w = e<sub>i</sub> it is output i,
 * whose gradient is row i of J; for a random unit w it is the projection of a FAST check. Its variables are
 * f's inputs, located as {@code <output> with respect to <input>} so that every mismatch names both.
 *
 * <p>Every evaluation hands f fresh copies of the point with one input replaced by a copy of the checker's
 * scratch array, so user code can neither see nor change the checker's arrays; {@link #probe} shares its
 * evaluations with the other rows ({@link SharedEvaluations}).
 */
final class OutputProjection implements Differentiable {
    private final VectorFunction f;
    private final int row;
    private final double[] weights;
    private final String output;
    private final double[][] gradient;
    private final SharedEvaluations evaluations;

    /**
     * g = w &middot; f.
     *
     * @param row      i when w = e<sub>i</sub> (then g is exactly y<sub>i</sub>), -1 for another w
     * @param weights  w
     * @param output   what g is, for reports (e.g. {@code output 3})
     * @param gradient J<sup>T</sup> w, one flat array per input
     * @param evaluations the evaluations of f shared with the other rows of the check
     */
    OutputProjection(VectorFunction f, int row, double[] weights, String output, double[][] gradient, SharedEvaluations evaluations) {
        this.f = f;
        this.row = row;
        this.weights = weights.clone();
        this.output = output;
        this.gradient = gradient;
        this.evaluations = evaluations;
    }

    @Override
    public String describe() {
        return f.describe() + ": " + output;
    }

    @Override
    public boolean threadSafe() {
        return f.threadSafe();
    }

    @Override
    public List<Variable> variables() {
        List<Variable> out = new ArrayList<>();
        for (Variable input : f.inputs()) {
            out.add(new Variable(input.name(), output + " with respect to " + input.location(), input.value()));
        }
        return out;
    }

    @Override
    public Map<String, Tensor> analyticGradient() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<Variable> inputs = f.inputs();
        for (int k = 0; k < inputs.size(); k++) {
            out.put(inputs.get(k).name(), Tensor.of(gradient[k], inputs.get(k).value().shape()));
        }
        return out;
    }

    /** g evaluated afresh on every call (the diagnostics compare two calls to detect nondeterminism). */
    @Override
    public DoubleSupplier bind(String name, Tensor scratch) {
        int k = indexOf(name);
        return () -> project(f.evaluate(evaluations.arguments(k, scratch.toArray())).values());
    }

    /** g with the branch patterns, through the evaluations shared by the rows. */
    @Override
    public Probe probe(String name, Tensor scratch) {
        int k = indexOf(name);
        return () -> {
            Output y = evaluations.evaluate(k, scratch.toArray());
            return new Evaluation(project(y.values()), y.branches());
        };
    }

    private double project(double[] y) {
        if (row >= 0) {
            return y[row];
        }
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += weights[i] * y[i];
        }
        return sum;
    }

    private int indexOf(String name) {
        List<Variable> inputs = f.inputs();
        for (int k = 0; k < inputs.size(); k++) {
            if (inputs.get(k).name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no variable " + name);
    }
}
