package io.gradcheck4j.functions;

import io.gradcheck4j.check.CheckAborted;
import io.gradcheck4j.check.Variable;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A user's function y = f(x<sub>1</sub>, ..., x<sub>k</sub>) of plain double[] arrays with its derivative in one of
 * three forms, at one point:
 * <ul>
 *   <li>a vector-Jacobian product {@code vjp(x, dy)} = J<sup>T</sup> dy (reverse mode): row i of J is one call with dy = e<sub>i</sub>;</li>
 *   <li>a Jacobian-vector product {@code jvp(x, u)} = J u (forward mode): column j of J is one call with u = e<sub>j</sub>;</li>
 *   <li>the Jacobian itself, per input [output][entry].</li>
 * </ul>
 * User code always gets fresh copies of the point (it may keep or change them), and what it returns is copied
 * at once (it may reuse a buffer); its lengths are checked, naming the function. A user function that throws
 * aborts the check ({@link CheckAborted}) naming the function.
 */
public final class ArrayFunction implements VectorFunction {
    private final String name;
    private final List<Variable> inputs;
    private final double[][] point;
    private final Function<double[][], double[]> f;
    private final Analytic analytic;
    private final boolean threadSafe;
    private final int outputs;

    /** How the analytic side is computed from the user's derivative. */
    private interface Analytic {
        double[][] vjp(ArrayFunction f, double[] v);

        double[][][] jacobian(ArrayFunction f);
    }

    private ArrayFunction(String name, List<String> names, List<double[]> values, Function<double[][], double[]> f,
                          Analytic analytic, boolean threadSafe) {
        this.name = name;
        this.inputs = variables(names, values);
        this.point = values.stream().map(double[]::clone).toArray(double[][]::new);
        this.f = f;
        this.analytic = analytic;
        this.threadSafe = threadSafe;
        double[] y = call("f", () -> f.apply(copyOfPoint()));
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("f returned " + (y == null ? "null" : "no values") + " at the given point: nothing to check");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("f is " + y[i] + " at output " + i + " of the given point: its derivative cannot be checked there");
            }
        }
        this.outputs = y.length;
    }

    /** f with its vector-Jacobian product: {@code vjp.apply(x, dy)} = J<sup>T</sup> dy, one array per input. */
    public static ArrayFunction withVjp(String name, List<String> names, List<double[]> values, Function<double[][], double[]> f,
                                        BiFunction<double[][], double[], double[][]> vjp, boolean threadSafe) {
        return withVjp(name, "vjp", names, values, f, vjp, threadSafe);
    }

    /** {@link #withVjp} calling the vjp {@code vjpName} in messages (e.g. {@code gradient} for a scalar f, where J<sup>T</sup> dy = dy &middot; &nabla;f). */
    public static ArrayFunction withVjp(String name, String vjpName, List<String> names, List<double[]> values,
                                        Function<double[][], double[]> f, BiFunction<double[][], double[], double[][]> vjp,
                                        boolean threadSafe) {
        return new ArrayFunction(name, names, values, f, new Analytic() {
            @Override
            public double[][] vjp(ArrayFunction self, double[] v) {
                double[] dy = v.clone();
                return self.perInput(vjpName, call(vjpName, () -> vjp.apply(self.copyOfPoint(), dy)));
            }

            @Override
            public double[][][] jacobian(ArrayFunction self) {
                double[][][] rows = new double[self.outputs][][];
                for (int i = 0; i < self.outputs; i++) {
                    double[] e = new double[self.outputs];
                    e[i] = 1;
                    rows[i] = vjp(self, e);
                }
                return rows;
            }
        }, threadSafe);
    }

    /** f with its Jacobian-vector product: {@code jvp.apply(x, u)} = J u = &Sigma;<sub>k</sub> J<sub>k</sub> u<sub>k</sub>, one tangent per input. */
    public static ArrayFunction withJvp(String name, List<String> names, List<double[]> values, Function<double[][], double[]> f,
                                        BiFunction<double[][], double[][], double[]> jvp, boolean threadSafe) {
        return new ArrayFunction(name, names, values, f, new Analytic() {
            @Override
            public double[][] vjp(ArrayFunction self, double[] v) {
                return transposeTimes(jacobian(self), v);
            }

            @Override
            public double[][][] jacobian(ArrayFunction self) {
                double[][][] rows = self.emptyJacobian();
                for (int k = 0; k < self.point.length; k++) {
                    for (int j = 0; j < self.point[k].length; j++) {
                        double[][] u = new double[self.point.length][];
                        for (int q = 0; q < u.length; q++) {
                            u[q] = new double[self.point[q].length];
                        }
                        u[k][j] = 1;
                        double[] column = self.outputsOf("jvp", call("jvp", () -> jvp.apply(self.copyOfPoint(), u)));
                        for (int i = 0; i < self.outputs; i++) {
                            rows[i][k][j] = column[i];
                        }
                    }
                }
                return rows;
            }
        }, threadSafe);
    }

    /** f with its Jacobian: {@code jacobian.apply(x)[k][i][j]} = &part;y<sub>i</sub>/&part;x<sub>k,j</sub> ([input][output][entry]). */
    public static ArrayFunction withJacobian(String name, List<String> names, List<double[]> values, Function<double[][], double[]> f,
                                             Function<double[][], double[][][]> jacobian, boolean threadSafe) {
        return new ArrayFunction(name, names, values, f, new Analytic() {
            @Override
            public double[][] vjp(ArrayFunction self, double[] v) {
                return transposeTimes(jacobian(self), v);
            }

            @Override
            public double[][][] jacobian(ArrayFunction self) {
                double[][][] blocks = call("jacobian", () -> jacobian.apply(self.copyOfPoint()));
                if (blocks == null || blocks.length != self.point.length) {
                    throw new IllegalArgumentException("jacobian returned " + (blocks == null ? "null" : blocks.length + " blocks")
                            + " for " + self.point.length + " inputs");
                }
                double[][][] rows = self.emptyJacobian();
                for (int k = 0; k < blocks.length; k++) {
                    String which = self.inputs.get(k).location();
                    if (blocks[k] == null || blocks[k].length != self.outputs) {
                        throw new IllegalArgumentException("jacobian returned " + (blocks[k] == null ? "null" : blocks[k].length + " rows")
                                + " for " + which + ", but f has " + self.outputs + " outputs");
                    }
                    for (int i = 0; i < self.outputs; i++) {
                        double[] row = blocks[k][i];
                        if (row == null || row.length != self.point[k].length) {
                            throw new IllegalArgumentException("jacobian returned a row " + i + " of length " + (row == null ? "null" : row.length)
                                    + " for " + which + " of length " + self.point[k].length);
                        }
                        System.arraycopy(row, 0, rows[i][k], 0, row.length);
                    }
                }
                return rows;
            }
        }, threadSafe);
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public List<Variable> inputs() {
        return inputs;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    /** {@code output i}, or {@code f} when f has one output. */
    @Override
    public String outputName(int i) {
        return outputs == 1 ? "f" : "output " + i;
    }

    @Override
    public Output evaluate(double[][] args) {
        return new Output(outputsOf("f", call("f", () -> f.apply(args))), null);
    }

    @Override
    public double[][] vjp(double[] v) {
        return analytic.vjp(this, v);
    }

    @Override
    public double[][][] jacobian() {
        return analytic.jacobian(this);
    }

    @Override
    public boolean threadSafe() {
        return threadSafe;
    }

    /** A fresh copy of the point, for one call of user code. */
    private double[][] copyOfPoint() {
        return java.util.Arrays.stream(point).map(double[]::clone).toArray(double[][]::new);
    }

    private double[][][] emptyJacobian() {
        double[][][] rows = new double[outputs][point.length][];
        for (double[][] row : rows) {
            for (int k = 0; k < point.length; k++) {
                row[k] = new double[point[k].length];
            }
        }
        return rows;
    }

    /** A copy of what {@code function} returned as f's outputs, checking its length. */
    private double[] outputsOf(String function, double[] y) {
        if (y == null || y.length != outputs) {
            throw new IllegalArgumentException(function + " returned " + (y == null ? "null" : y.length + " values")
                    + " but f has " + outputs + " outputs");
        }
        return y.clone();
    }

    /** A copy of what {@code function} returned per input, checking the lengths. */
    private double[][] perInput(String function, double[][] g) {
        if (g == null || g.length != point.length) {
            throw new IllegalArgumentException(function + " returned " + (g == null ? "null" : g.length + " arrays")
                    + " for " + point.length + " inputs");
        }
        double[][] out = new double[g.length][];
        for (int k = 0; k < g.length; k++) {
            if (g[k] == null || g[k].length != point[k].length) {
                throw new IllegalArgumentException(function + " returned an array of length " + (g[k] == null ? "null" : g[k].length)
                        + " for " + inputs.get(k).location() + " of length " + point[k].length);
            }
            out[k] = g[k].clone();
        }
        return out;
    }

    /** J<sup>T</sup> v from a Jacobian [output][input][entry]. */
    private static double[][] transposeTimes(double[][][] rows, double[] v) {
        double[][] out = new double[rows[0].length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = new double[rows[0][k].length];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < out[k].length; j++) {
                    out[k][j] += v[i] * rows[i][k][j];
                }
            }
        }
        return out;
    }

    /** Runs user code; what it throws aborts the check naming the function. */
    private static <T> T call(String function, Supplier<T> code) {
        try {
            return code.get();
        } catch (CheckAborted e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CheckAborted(function + " threw " + e, e);
        }
    }

    /**
     * The named inputs as variables holding private copies, after checking that the names are distinct and
     * each array is non-empty and finite.
     */
    static List<Variable> variables(List<String> names, List<double[]> values) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no input: a check of zero entries checks nothing");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Variable> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            double[] x = values.get(k);
            if (n == null || !seen.add(n)) {
                throw new IllegalArgumentException("input names must be distinct and non-null, got " + n + " twice");
            }
            if (x == null || x.length == 0) {
                throw new IllegalArgumentException("input " + n + " is " + (x == null ? "null" : "empty") + ": a check of zero entries checks nothing");
            }
            for (int j = 0; j < x.length; j++) {
                if (!Double.isFinite(x[j])) {
                    throw new IllegalArgumentException("input " + n + " is " + x[j] + " at index " + j + ": a derivative at a non-finite point cannot be checked");
                }
            }
            out.add(new Variable(n, "input " + n, Tensor.of(x, x.length)));
        }
        return List.copyOf(out);
    }
}
