package io.gradcheck4j;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.functions.JacobianCheck;
import io.gradcheck4j.functions.LayerFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The direct API: one call checks a derivative of a plain Java function against finite differences.
 * <ul>
 *   <li>{@link #scalar}: f: R<sup>n</sup> &rarr; R with its gradient &nabla;f;</li>
 *   <li>{@link #vjp}: f: R<sup>n</sup> &rarr; R<sup>m</sup> with its vector-Jacobian product (x, dy) &rarr; J<sup>T</sup> dy (reverse mode);</li>
 *   <li>{@link #jvp}: f with its Jacobian-vector product (x, u) &rarr; J u (forward mode);</li>
 *   <li>{@link #jacobian}: f with its Jacobian J[output i][input j] = &part;f<sub>i</sub>/&part;x<sub>j</sub>;</li>
 *   <li>{@link #layer}: a {@link Layer}, with respect to its input and every parameter, from its {@code backward};</li>
 *   <li>{@link #of()}: several named arrays (weights and input).</li>
 * </ul>
 * In FULL mode (the default) the whole Jacobian is compared: the numeric J by central differences per input
 * entry, with the checker's error estimates, against the analytic J built from the vjp (one call per output
 * row, dy = e<sub>i</sub>), the jvp (one call per input column, u = e<sub>j</sub>) or the Jacobian. In FAST mode both
 * sides are projected: v<sup>T</sup> J u for random unit u and v from a private seeded generator (like PyTorch's
 * fast mode), re-checked in full when a projection fails. A second derivative is the Jacobian of a gradient:
 * {@code jacobian(gradient, hessian, x)} or {@code vjp(gradient, hvp, x)} (H is symmetric, so H<sup>T</sup> v = H v)
 * is PyTorch's gradgradcheck.
 *
 * <p>The caller's arrays are never changed: user functions get fresh copies on every call (and may change
 * them). They are called on one thread unless {@link CheckOptions#withThreadSafe} says they are thread-safe.
 * A mismatch names output i, the input and its entry j ({@link io.gradcheck4j.report.Mismatch#message});
 * {@link CheckReport#assertPassed()} throws with the worst ones.
 *
 * <p>Every method throws {@link IllegalArgumentException} when x is empty or not finite, f is not finite at x,
 * or a user function returns arrays of the wrong length (the message names the function and the lengths), and
 * {@link io.gradcheck4j.check.CheckAborted} when a user function throws.
 */
public final class Gradcheck {

    private Gradcheck() {
    }

    /** f: R<sup>n</sup> &rarr; R with its gradient, at x. */
    public static CheckReport scalar(ToDoubleFunction<double[]> f, UnaryOperator<double[]> gradient, double[] x) {
        return scalar(f, gradient, x, CheckOptions.defaults());
    }

    /** {@link #scalar(ToDoubleFunction, UnaryOperator, double[])} with options. */
    public static CheckReport scalar(ToDoubleFunction<double[]> f, UnaryOperator<double[]> gradient, double[] x, CheckOptions options) {
        return of(options).input("x", x).scalar(a -> f.applyAsDouble(a[0]), a -> new double[][] {gradient.apply(a[0])});
    }

    /** f: R<sup>n</sup> &rarr; R<sup>m</sup> with {@code vjp.apply(x, dy)} = J<sup>T</sup> dy, at x: the whole Jacobian. */
    public static CheckReport vjp(UnaryOperator<double[]> f, BinaryOperator<double[]> vjp, double[] x) {
        return vjp(f, vjp, x, CheckOptions.defaults());
    }

    /** {@link #vjp(UnaryOperator, BinaryOperator, double[])} with options. */
    public static CheckReport vjp(UnaryOperator<double[]> f, BinaryOperator<double[]> vjp, double[] x, CheckOptions options) {
        return of(options).input("x", x).vjp(a -> f.apply(a[0]), (a, dy) -> new double[][] {vjp.apply(a[0], dy)});
    }

    /** f: R<sup>n</sup> &rarr; R<sup>m</sup> with {@code jvp.apply(x, u)} = J u, at x: the whole Jacobian. */
    public static CheckReport jvp(UnaryOperator<double[]> f, BinaryOperator<double[]> jvp, double[] x) {
        return jvp(f, jvp, x, CheckOptions.defaults());
    }

    /** {@link #jvp(UnaryOperator, BinaryOperator, double[])} with options. */
    public static CheckReport jvp(UnaryOperator<double[]> f, BinaryOperator<double[]> jvp, double[] x, CheckOptions options) {
        return of(options).input("x", x).jvp(a -> f.apply(a[0]), (a, u) -> jvp.apply(a[0], u[0]));
    }

    /** f: R<sup>n</sup> &rarr; R<sup>m</sup> with its Jacobian [output][input], at x. */
    public static CheckReport jacobian(UnaryOperator<double[]> f, Function<double[], double[][]> jacobian, double[] x) {
        return jacobian(f, jacobian, x, CheckOptions.defaults());
    }

    /** {@link #jacobian(UnaryOperator, Function, double[])} with options. */
    public static CheckReport jacobian(UnaryOperator<double[]> f, Function<double[], double[][]> jacobian, double[] x, CheckOptions options) {
        return of(options).input("x", x).jacobian(a -> f.apply(a[0]), a -> new double[][][] {jacobian.apply(a[0])});
    }

    /**
     * A layer at input x: the full Jacobian of every output with respect to the input and every parameter,
     * J<sup>T</sup> e<sub>i</sub> from {@code backward} with dy = e<sub>i</sub> for every output i. Only the minimal
     * contract is used: every evaluation runs forward (and backward right after it) on a layer built by
     * {@code withParameters} from copies of the parameters, so the layer's own parameters are never changed.
     */
    public static CheckReport layer(Layer layer, Tensor x) {
        return layer(layer, x, CheckOptions.defaults());
    }

    /** {@link #layer(Layer, Tensor)} with options. */
    public static CheckReport layer(Layer layer, Tensor x, CheckOptions options) {
        return JacobianCheck.check(new LayerFunction(layer, x, options.threadSafe()), options);
    }

    /** A check of several named arrays, with the default options: {@code of().input("w", w).input("x", x).vjp(f, vjp)}. */
    public static NamedInputs of() {
        return of(CheckOptions.defaults());
    }

    /** A check of several named arrays with options. */
    public static NamedInputs of(CheckOptions options) {
        return new NamedInputs(options);
    }
}
