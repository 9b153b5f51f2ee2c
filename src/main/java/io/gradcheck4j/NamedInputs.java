package io.gradcheck4j;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.functions.ArrayFunction;
import io.gradcheck4j.functions.JacobianCheck;
import io.gradcheck4j.report.CheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A check of a function of several named arrays (weights and input, like PyTorch's tuple of inputs), built by
 * {@link Gradcheck#of()}: {@code Gradcheck.of().input("w", w).input("x", x).vjp(f, vjp)}. User functions get
 * the arrays in the order they were added, as {@code double[][] a} (a[0] = w, a[1] = x), and return the
 * derivative per input in the same order; reports name each input ({@code output 2 with respect to input w at
 * index [3]}).
 *
 * <p>The arrays are read when a check runs and never changed: user code always gets copies. Every check
 * compares every input; the options decide the mode (FULL: the whole Jacobian; FAST: projections
 * v<sup>T</sup> J u) and whether the functions may be called from several threads.
 */
public final class NamedInputs {
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private CheckOptions options;

    NamedInputs(CheckOptions options) {
        this.options = options;
    }

    /** Adds input {@code name} with its value at the point of the check. */
    public NamedInputs input(String name, double[] value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** The check options (default {@link CheckOptions#defaults()}). */
    public NamedInputs options(CheckOptions newOptions) {
        this.options = newOptions;
        return this;
    }

    /** A scalar f(a) with its gradient, one array per input: the gradient of f with respect to every input. */
    public CheckReport scalar(ToDoubleFunction<double[][]> f, Function<double[][], double[][]> gradient) {
        return JacobianCheck.check(ArrayFunction.withVjp("f" + arguments(), "gradient", names, values,
                a -> new double[] {f.applyAsDouble(a)}, (a, dy) -> scaled(gradient.apply(a), dy[0]), options.threadSafe()), options);
    }

    /** A vector f(a) with its vector-Jacobian product: {@code vjp.apply(a, dy)} = J<sup>T</sup> dy per input. */
    public CheckReport vjp(Function<double[][], double[]> f, BiFunction<double[][], double[], double[][]> vjp) {
        return JacobianCheck.check(ArrayFunction.withVjp("vjp of f" + arguments(), names, values, f, vjp, options.threadSafe()), options);
    }

    /** A vector f(a) with its Jacobian-vector product: {@code jvp.apply(a, u)} = &Sigma;<sub>k</sub> J<sub>k</sub> u<sub>k</sub> (u: one tangent per input). */
    public CheckReport jvp(Function<double[][], double[]> f, BiFunction<double[][], double[][], double[]> jvp) {
        return JacobianCheck.check(ArrayFunction.withJvp("jvp of f" + arguments(), names, values, f, jvp, options.threadSafe()), options);
    }

    /** A vector f(a) with its Jacobian per input: {@code jacobian.apply(a)[k]} = &part;f/&part;a<sub>k</sub>, [output][entry]. */
    public CheckReport jacobian(Function<double[][], double[]> f, Function<double[][], double[][][]> jacobian) {
        return JacobianCheck.check(ArrayFunction.withJacobian("jacobian of f" + arguments(), names, values, f, jacobian, options.threadSafe()), options);
    }

    private String arguments() {
        return "(" + String.join(", ", names) + ")";
    }

    private static double[][] scaled(double[][] gradient, double c) {
        if (gradient == null) {
            return null;
        }
        double[][] out = new double[gradient.length][];
        for (int k = 0; k < gradient.length; k++) {
            if (gradient[k] != null) {
                out[k] = gradient[k].clone();
                for (int j = 0; j < out[k].length; j++) {
                    out[k][j] *= c;
                }
            }
        }
        return out;
    }
}
