package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Table lookup: input x [batch, seq] holds integer token indices stored as doubles, weight E [vocab, dim],
 * y[n, s, :] = E[round(x[n, s]), :], output [batch, seq, dim].
 *
 * <p>Backward: dE[v, :] = &Sigma;<sub>(n, s): round(x[n, s]) = v</sub> dy[n, s, :] (a token repeated in
 * the batch accumulates). The input is not a differentiable quantity: y is piecewise constant in x, so
 * the input gradient returned is exactly zero. Every index must lie within {@link #INDEX_TOLERANCE} of an
 * integer in [0, vocab): a finite-difference perturbation of an index (far smaller than that) leaves the
 * output unchanged, so a gradient check of the input compares 0 with 0 and says nothing; the layer type
 * reports {@code integerInput()} so the check battery can skip it.
 *
 * <p>Speed paths ({@link FastLayer}, internal): E[v, d] reaches only y[n, s, d] of the positions holding token v,
 * and a changed index only its own output row; both are copies, so they equal a forward pass bit for bit.
 */
public final class Embedding implements FastLayer {
    /** Type name. */
    public static final String TYPE = "embedding";
    /** Name of the table E [vocab, dim]. */
    public static final String WEIGHT = "weight";
    /**
     * How far an index may lie from the nearest integer: room for finite-difference perturbations smaller than
     * 0.01 (the checker's default relative step 6.06e-6 stays below it for token ids up to about 1600), while
     * a fixture's 1.5 or 0.2 is still rejected.
     */
    public static final double INDEX_TOLERANCE = 0.01;

    private final Tensor weight;

    /** A lookup table {@code weight} [vocab, dim]. */
    public Embedding(Tensor weight) {
        Shapes.requireRank(TYPE, "weight", weight, 2, "[vocab, dim]");
        this.weight = weight;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Tensor> parameters() {
        return Map.of(WEIGHT, weight);
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] tokens = tokens(x);
        int dim = weight.dim(1);
        double[] y = new double[tokens.length * dim];
        for (int k = 0; k < tokens.length; k++) {
            for (int d = 0; d < dim; d++) {
                y[k * dim + d] = weight.get(tokens[k] * dim + d);
            }
        }
        return Tensor.wrap(y, x.dim(0), x.dim(1), dim);
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        int[] tokens = tokens(x);
        int dim = weight.dim(1);
        double[] dE = new double[weight.size()];
        for (int k = 0; k < tokens.length; k++) {
            for (int d = 0; d < dim; d++) {
                dE[tokens[k] * dim + d] += dy.get(k * dim + d);
            }
        }
        return new LayerGradients(Tensor.zeros(x.shape()), Map.of(WEIGHT, Tensor.wrap(dE, weight.shape())));
    }

    @Override
    public Layer withParameters(Map<String, Tensor> replacements) {
        return new Embedding(Shapes.replaced(TYPE, parameters(), replacements).get(WEIGHT));
    }

    /** forward(x2) by {@link #forwardPatch}: only the rows of changed indices are looked up again. */
    @Override
    public Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return PatchedForward.of(this, x, y, x2);
    }

    /** Looks up row E[round(x2[k]), :] again for each changed position k (rejecting an index as forward does). */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        int dim = weight.dim(1);
        if (x.rank() != 2 || x2.length != x.size() || y.size() != x.size() * dim) {
            return -1;
        }
        int n = 0;
        for (int k = 0; k < count; k++) {
            int position = changed[k];
            if (Double.doubleToLongBits(x2[position]) == Double.doubleToLongBits(x.get(position))) {
                continue;
            }
            int token = token(x2[position], x, position);
            for (int d = 0; d < dim; d++) {
                out[position * dim + d] = weight.get(token * dim + d);
                written[n++] = position * dim + d;
            }
        }
        return n;
    }

    /**
     * E[v, d] = value changes y[k, d] for the positions k holding token v, in O(occurrences of v): the positions
     * of every token are listed once per probe.
     */
    @Override
    public ParameterProbe probe(String param, Tensor x) {
        return probe(param, x, forward(x));
    }

    /** {@link #probe(String, Tensor)} with y = forward(x) given. */
    @Override
    public ParameterProbe probe(String param, Tensor x, Tensor y) {
        requireWeight(param);
        int[] tokens = tokens(x);
        int dim = weight.dim(1);
        int vocab = weight.dim(0);
        int[] starts = new int[vocab + 1];
        for (int token : tokens) {
            starts[token + 1]++;
        }
        for (int v = 0; v < vocab; v++) {
            starts[v + 1] += starts[v];
        }
        int[] positions = new int[tokens.length];
        int[] filled = Arrays.copyOf(starts, vocab);
        for (int k = 0; k < tokens.length; k++) {
            positions[filled[tokens[k]]++] = k;
        }
        return InPlaceProbe.of(y, (flatIndex, newValue, ys, written) -> {
            Objects.checkIndex(flatIndex, weight.size());
            int row = flatIndex / dim;
            int d = flatIndex % dim;
            int n = 0;
            for (int e = starts[row]; e < starts[row + 1]; e++) {
                ys[positions[e] * dim + d] = newValue;
                written[n++] = positions[e] * dim + d;
            }
            return n;
        });
    }

    /** Along a direction U of E: y[k, :] = E[v, :] + t U[v, :] for the token v at k, entry by entry. */
    @Override
    public DirectionProbe probeDirection(String param, Tensor x, Tensor direction) {
        requireWeight(param);
        if (!weight.sameShape(direction)) {
            throw new IllegalArgumentException("direction must have the shape of " + TYPE + " " + WEIGHT);
        }
        int[] tokens = tokens(x);
        int dim = weight.dim(1);
        double[] e = weight.toArray();
        double[] u = direction.toArray();
        return t -> {
            double[] y = new double[tokens.length * dim];
            for (int k = 0; k < tokens.length; k++) {
                for (int d = 0; d < dim; d++) {
                    int i = tokens[k] * dim + d;
                    y[k * dim + d] = e[i] + t * u[i];
                }
            }
            return Tensor.wrap(y, x.dim(0), x.dim(1), dim);
        };
    }

    /** {@link #probeDirection(String, Tensor, Tensor)}; y is not needed. */
    @Override
    public DirectionProbe probeDirection(String param, Tensor x, Tensor y, Tensor direction) {
        return probeDirection(param, x, direction);
    }

    private static void requireWeight(String param) {
        if (!param.equals(WEIGHT)) {
            throw new IllegalArgumentException(TYPE + " has no parameter " + param);
        }
    }

    private int[] tokens(Tensor x) {
        Shapes.requireRank(TYPE, "input", x, 2, "[batch, seq] of token indices");
        int[] tokens = new int[x.size()];
        for (int k = 0; k < tokens.length; k++) {
            tokens[k] = token(x.get(k), x, k);
        }
        return tokens;
    }

    /** The token index v (at flat index k of x's shape), or the error forward gives when it is none. */
    private int token(double v, Tensor x, int k) {
        int vocab = weight.dim(0);
        long token = Math.round(v);
        if (!(Math.abs(v - token) <= INDEX_TOLERANCE) || token < 0 || token >= vocab) {
            throw new IllegalArgumentException(TYPE + " input at index " + Arrays.toString(x.unravel(k)) + " is " + v
                    + ", not a token index in [0, " + vocab + ")");
        }
        return (int) token;
    }
}
