package io.gradcheck4j.check;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A scalar function f(v<sub>1</sub>, ..., v<sub>k</sub>) of named tensors with an analytic gradient: the
 * object a gradient check compares against finite differences.
 *
 * <p>Implementations need not be pure or thread-safe. The checker calls {@link #bind}, {@link #probe},
 * {@link #bindCoordinates} and {@link #bindDirection} from several threads at once (for the same or different
 * variables, each with its own scratch tensor or evaluator) only when {@link #threadSafe()} says so; otherwise
 * every evaluation runs on one thread. Two evaluations at the same point must give the same value: when they
 * do not, the report carries a {@code NONDETERMINISTIC_FORWARD} finding, since finite differences of such an f
 * cannot be trusted.
 */
public interface Differentiable {

    /** A short name of what is checked, for reports. */
    String describe();

    /**
     * Whether {@link #bind}, {@link #probe}, {@link #bindCoordinates} and {@link #bindDirection} may be called
     * from several threads at once. False by default: user code is evaluated on one thread unless it says so.
     */
    default boolean threadSafe() {
        return false;
    }

    /** The variables, in report order. */
    List<Variable> variables();

    /** The analytic gradient &part;f/&part;v for every variable, keyed by variable name. */
    Map<String, Tensor> analyticGradient();

    /**
     * f with variable {@code name} bound to {@code scratch} and every other variable at its value. The
     * caller changes elements of {@code scratch}'s array between calls of the returned supplier, which must
     * therefore read it afresh on every call.
     */
    DoubleSupplier bind(String name, Tensor scratch);

    /**
     * Like {@link #bind}, but every evaluation also reports the branch pattern of each piecewise stage
     * (ReLU masks, max-pool argmaxes...), so that a stencil straddling a kink is recognised and reported as
     * non-differentiable. The default is a black box (patterns unknown); the checker then falls back to
     * comparing one-sided differences. A network function reports every layer's and the loss's pattern.
     */
    default Probe probe(String name, Tensor scratch) {
        DoubleSupplier f = bind(name, scratch);
        return () -> Evaluation.of(f.getAsDouble());
    }

    /**
     * f as a function of one entry of variable {@code name} at a time (the inner loop of a full check).
     * Every call returns a new evaluator with its own working state, for one thread. The default binds a
     * private copy of the variable with {@link #probe} and sets one entry of it per evaluation;
     * implementations override it when changing one entry allows a cheaper evaluation (a network
     * function re-runs only the layers after the perturbed one). Results must not depend on the order of the calls.
     *
     * @throws IllegalArgumentException when there is no variable {@code name}
     */
    default CoordinateFunction bindCoordinates(String name) {
        Tensor value = variables().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variable " + name)).value();
        double[] work = value.toArray();
        Probe f = probe(name, Tensor.wrap(work, value.shape()));
        return (flatIndex, newValue) -> {
            double original = work[flatIndex];
            work[flatIndex] = newValue;
            try {
                return f.evaluate();
            } finally {
                work[flatIndex] = original;
            }
        };
    }

    /**
     * f along direction {@code direction} (shaped like variable {@code name}): {@code at(t)} evaluates f with
     * the variable at v + t u (the inner loop of a projected check). Every call returns a new evaluator for
     * one thread. The default fills a private copy through {@link #probe}; a network function overrides it.
     *
     * @throws IllegalArgumentException when there is no variable {@code name}
     */
    default DirectionFunction bindDirection(String name, Tensor direction) {
        Tensor value = variables().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variable " + name)).value();
        double[] base = value.toArray();
        double[] work = base.clone();
        Probe f = probe(name, Tensor.wrap(work, value.shape()));
        return t -> {
            for (int i = 0; i < work.length; i++) {
                work[i] = base[i] + t * direction.get(i);
            }
            try {
                return f.evaluate();
            } finally {
                System.arraycopy(base, 0, work, 0, work.length);
            }
        };
    }
}
