package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.Pure;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

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
 */
public final class Embedding implements Pure {
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

    private int[] tokens(Tensor x) {
        Shapes.requireRank(TYPE, "input", x, 2, "[batch, seq] of token indices");
        int vocab = weight.dim(0);
        int[] tokens = new int[x.size()];
        for (int k = 0; k < tokens.length; k++) {
            double v = x.get(k);
            long token = Math.round(v);
            if (!(Math.abs(v - token) <= INDEX_TOLERANCE) || token < 0 || token >= vocab) {
                throw new IllegalArgumentException(TYPE + " input at index " + Arrays.toString(x.unravel(k)) + " is " + v
                        + ", not a token index in [0, " + vocab + ")");
            }
            tokens[k] = (int) token;
        }
        return tokens;
    }
}
