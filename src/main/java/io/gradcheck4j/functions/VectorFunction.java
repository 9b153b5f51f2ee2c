package io.gradcheck4j.functions;

import io.gradcheck4j.check.Variable;
import io.gradcheck4j.report.Finding;
import java.util.List;

/**
 * A vector-valued function y = f(x<sub>1</sub>, ..., x<sub>k</sub>) of named arrays with an analytic
 * Jacobian J = &part;y/&part;(x<sub>1</sub>, ..., x<sub>k</sub>), taken at one point: the object a Jacobian check
 * ({@link JacobianCheck}) compares with finite differences, one output row (or one projection v<sup>T</sup>y) at a time.
 *
 * <p>Implementations keep private copies of the point and hand user code fresh copies on every call, so
 * neither the caller's arrays nor the checker's scratch arrays can be changed by it.
 */
public interface VectorFunction {

    /** What is checked, for reports, e.g. {@code vjp of f at x}. */
    String describe();

    /**
     * The inputs at the point, in order: name (e.g. {@code x}, {@code weight}), location (e.g. {@code input x},
     * {@code parameter weight}) and a private copy of the value, shaped for reports.
     */
    List<Variable> inputs();

    /** The number m of outputs (entries of y), &ge; 1. */
    int outputs();

    /** Output i for reports, e.g. {@code output 3} or {@code output [1, 2]}. */
    String outputName(int i);

    /**
     * f at {@code args} (one array per input, in order, owned by the callee), flattened, with the branch
     * pattern of every piecewise stage when known.
     *
     * @throws IllegalArgumentException when f returns other than {@link #outputs()} values
     */
    Output evaluate(double[][] args);

    /** J<sup>T</sup> v at the point: one flat array per input. */
    double[][] vjp(double[] v);

    /** The analytic Jacobian at the point, [output i][input k][flat entry j]. */
    double[][][] jacobian();

    /**
     * What is wrong with the form of the analytic derivative (a layer's missing, misshapen or unexpected
     * gradients), found before any comparison; empty by default.
     */
    default List<Finding> problems() {
        return List.of();
    }

    /** Whether user code may be called from several threads at once (see {@link io.gradcheck4j.check.CheckOptions#threadSafe()}). */
    boolean threadSafe();
}
