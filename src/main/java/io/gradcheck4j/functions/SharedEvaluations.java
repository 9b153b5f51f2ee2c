package io.gradcheck4j.functions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evaluations of one {@link VectorFunction} shared by the m output rows of a Jacobian check: f(x + t e<sub>j</sub>)
 * gives every output at once, so a point one row's stencil has evaluated is looked up, not recomputed, by the
 * others (m times fewer calls of user code, like PyTorch's one perturbation per input entry). Only points that
 * differ from the check's point in at most one entry are kept (the stencils of a full check), up to
 * {@value #MAX_VALUES} output values in all. The nondeterminism diagnostics evaluate through {@code bind}, which
 * bypasses this cache.
 */
final class SharedEvaluations {
    static final int MAX_VALUES = 1 << 22;

    private final VectorFunction f;
    private final double[][] point;
    private final int capacity;
    private final Map<Key, Output> kept = new ConcurrentHashMap<>();

    /** Input {@code input}'s entry {@code entry} (-1: none) set to the value with raw bits {@code bits}. */
    private record Key(int input, int entry, long bits) {
    }

    SharedEvaluations(VectorFunction f) {
        this.f = f;
        this.point = f.inputs().stream().map(v -> v.value().toArray()).toArray(double[][]::new);
        this.capacity = Math.max(1, MAX_VALUES / f.outputs());
    }

    /** f with input k replaced by {@code value} (owned by the callee) and the others at the point. */
    Output evaluate(int k, double[] value) {
        int changed = -1;
        for (int j = 0; j < value.length; j++) {
            if (Double.doubleToRawLongBits(value[j]) != Double.doubleToRawLongBits(point[k][j])) {
                if (changed >= 0) {
                    return f.evaluate(arguments(k, value));
                }
                changed = j;
            }
        }
        Key key = changed < 0 ? new Key(-1, -1, 0) : new Key(k, changed, Double.doubleToRawLongBits(value[changed]));
        Output known = kept.get(key);
        if (known != null) {
            return known;
        }
        Output y = f.evaluate(arguments(k, value));
        if (kept.size() < capacity) {
            kept.putIfAbsent(key, y);
        }
        return y;
    }

    /** Fresh copies of the point with input k replaced by {@code value}. */
    double[][] arguments(int k, double[] value) {
        double[][] args = new double[point.length][];
        for (int q = 0; q < args.length; q++) {
            args[q] = q == k ? value : point[q].clone();
        }
        return args;
    }
}
