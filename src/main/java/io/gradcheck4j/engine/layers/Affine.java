package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fully connected layer in the numpy Affine example's row-vector convention: y = x &middot; W + b with x [batch, in],
 * W [in, out], b [out].
 *
 * <p>Backward (the numpy Affine example): dx = dy &middot; W<sup>T</sup>, dW = x<sup>T</sup> &middot; dy,
 * db = &Sigma;<sub>batch</sub> dy (sum over axis 0).
 */
public final class Affine implements FastLayer {
    /** Type name. */
    public static final String TYPE = "affine";
    /** Name of W. */
    public static final String WEIGHT = "weight";
    /** Name of b. */
    public static final String BIAS = "bias";

    /** Below this many listed changes in one row, {@link #forwardPatch} adds them one at a time ({@link #addEachChange}). */
    private static final int SHORT_RUN = 8;

    private final Tensor weight;
    private final Tensor bias;

    /** y = x &middot; weight + bias with weight [in, out] and bias [out]. */
    public Affine(Tensor weight, Tensor bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("affine weight must be 2-D [in, out], got shape " + Arrays.toString(weight.shape()));
        }
        if (bias.rank() != 1 || bias.dim(0) != weight.dim(1)) {
            throw new IllegalArgumentException("affine bias must have shape [" + weight.dim(1) + "], got " + Arrays.toString(bias.shape()));
        }
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** W, shaped [in, out]. */
    public Tensor weight() {
        return weight;
    }

    /** b, shaped [out]. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put(WEIGHT, weight);
        p.put(BIAS, bias);
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != weight.dim(0)) {
            throw new IllegalArgumentException("affine expects input [batch, " + weight.dim(0) + "], got " + Arrays.toString(x.shape()));
        }
        return x.matmul(weight).plusRow(bias);
    }

    @Override
    public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put(WEIGHT, x.transposeMatmul(dy));
        grads.put(BIAS, dy.sumRows());
        return new LayerGradients(dy.matmulTranspose(weight), grads);
    }

    /**
     * When x2 differs from x in few entries (r, p), y2 = y + &Sigma; (x2[r, p] - x[r, p]) W[p, :] added to
     * row r of y, in O(changes &middot; out); equal to x2 &middot; W + b up to rounding. Falls back to a full pass
     * when a quarter or more of x changed or a change is not finite.
     */
    @Override
    public Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return PatchedForward.of(this, x, y, x2);
    }

    /**
     * The rule of {@link #forwardIncremental} in place: for each changed entry (r, p), in order, row r of
     * {@code out} gets (x2[r, p] - x[r, p]) W[p, :]; every entry of a touched row is listed as written. The
     * full-pass fallback (a quarter or more of x changed, or a change is not finite) writes every entry, bit for
     * bit {@link #forward}.
     */
    @Override
    public int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        if (x.rank() != 2 || x.dim(1) != weight.dim(0) || x2.length != x.size() || y.size() != x.dim(0) * weight.dim(1)) {
            return -1;
        }
        int in = weight.dim(0);
        int outputs = weight.dim(1);
        int limit = Math.max(1, x.size() / 4);
        int differences = 0;
        for (int k = 0; k < count; k++) {
            int i = changed[k];
            if (Double.doubleToLongBits(x2[i]) != Double.doubleToLongBits(x.get(i))
                    && (++differences > limit || !Double.isFinite(x2[i] - x.get(i)))) {
                return fullPass(x2, x.dim(0), out, written);
            }
        }
        int n = 0;
        int k = 0;
        while (k < count) {
            int row = changed[k] / in;
            int end = k + 1;
            while (end < count && changed[end] < (row + 1) * in) {
                end++;
            }
            boolean differs = false;
            if (end - k < SHORT_RUN) {
                differs = addEachChange(x, x2, changed, k, end, row * in, out, row * outputs, outputs);
            } else {
                for (int j = 0; j < outputs; j += 4) {
                    differs = addChanges(x, x2, changed, k, end, row * in, out, row * outputs, j, outputs);
                }
            }
            if (differs) {
                for (int j = 0; j < outputs; j++) {
                    written[n++] = row * outputs + j;
                }
            }
            k = end;
        }
        return n;
    }

    /**
     * out = x2 W + b in place, every entry listed: each entry summed over p in ascending order from 0.0, then b
     * added, the arithmetic of {@link #forward} ({@link Tensor#matmul}, then {@link Tensor#plusRow}), so the same
     * bits without allocating.
     */
    private int fullPass(double[] x2, int batch, double[] out, int[] written) {
        int outputs = weight.dim(1);
        for (int r = 0; r < batch; r += 2) {
            for (int j = 0; j < outputs; j += 4) {
                passRows(x2, r, Math.min(r + 1, batch - 1), out, j, outputs);
            }
        }
        for (int e = 0; e < batch * outputs; e++) {
            written[e] = e;
        }
        return batch * outputs;
    }

    /**
     * Entries (r, j..j+3) of x2 W + b for rows r0 and r1 into out, the eight sums in registers; a column past
     * the last (or r1 = r0) is computed as the last one and stored over it with the same value.
     */
    private void passRows(double[] x2, int r0, int r1, double[] out, int j, int outputs) {
        int in = weight.dim(0);
        int j1 = Math.min(j + 1, outputs - 1);
        int j2 = Math.min(j + 2, outputs - 1);
        int j3 = Math.min(j + 3, outputs - 1);
        double s00 = 0.0;
        double s01 = 0.0;
        double s02 = 0.0;
        double s03 = 0.0;
        double s10 = 0.0;
        double s11 = 0.0;
        double s12 = 0.0;
        double s13 = 0.0;
        for (int p = 0; p < in; p++) {
            double a0 = x2[r0 * in + p];
            double a1 = x2[r1 * in + p];
            int w = p * outputs;
            double w0 = weight.get(w + j);
            double w1 = weight.get(w + j1);
            double w2 = weight.get(w + j2);
            double w3 = weight.get(w + j3);
            s00 += a0 * w0;
            s01 += a0 * w1;
            s02 += a0 * w2;
            s03 += a0 * w3;
            s10 += a1 * w0;
            s11 += a1 * w1;
            s12 += a1 * w2;
            s13 += a1 * w3;
        }
        int y0 = r0 * outputs;
        int y1 = r1 * outputs;
        out[y0 + j] = s00 + bias.get(j);
        out[y0 + j1] = s01 + bias.get(j1);
        out[y0 + j2] = s02 + bias.get(j2);
        out[y0 + j3] = s03 + bias.get(j3);
        out[y1 + j] = s10 + bias.get(j);
        out[y1 + j1] = s11 + bias.get(j1);
        out[y1 + j2] = s12 + bias.get(j2);
        out[y1 + j3] = s13 + bias.get(j3);
    }

    /**
     * {@link #addChanges} for every output at once, one change after the other (each entry of out updated in
     * memory): faster for a row with few changes, and the same additions in the same order.
     */
    private boolean addEachChange(Tensor x, double[] x2, int[] changed, int from, int to, int xRow, double[] out, int yRow, int outputs) {
        boolean differs = false;
        for (int k = from; k < to; k++) {
            int i = changed[k];
            double before = x.get(i);
            if (Double.doubleToLongBits(x2[i]) == Double.doubleToLongBits(before)) {
                continue;
            }
            differs = true;
            double d = x2[i] - before;
            int wRow = (i - xRow) * outputs;
            for (int j = 0; j < outputs; j++) {
                out[yRow + j] += d * weight.get(wRow + j);
            }
        }
        return differs;
    }

    /**
     * Adds (x2[i] - x[i]) W[p, j..j+3] to out[yRow + j..j+3] for the listed entries i = changed[from..to) of one
     * row (p = i - xRow) whose value changed, in order, with the four sums in registers (a column past the last is
     * computed as the last one and stored over it with the same value); returns whether any entry changed (if none,
     * out keeps its values). Each entry gets the same additions in the same order as one change at a time.
     */
    private boolean addChanges(Tensor x, double[] x2, int[] changed, int from, int to, int xRow, double[] out, int yRow, int j, int outputs) {
        int j1 = Math.min(j + 1, outputs - 1);
        int j2 = Math.min(j + 2, outputs - 1);
        int j3 = Math.min(j + 3, outputs - 1);
        double s0 = out[yRow + j];
        double s1 = out[yRow + j1];
        double s2 = out[yRow + j2];
        double s3 = out[yRow + j3];
        boolean differs = false;
        for (int k = from; k < to; k++) {
            int i = changed[k];
            double before = x.get(i);
            if (Double.doubleToLongBits(x2[i]) == Double.doubleToLongBits(before)) {
                continue;
            }
            differs = true;
            double d = x2[i] - before;
            int wRow = (i - xRow) * outputs;
            s0 += d * weight.get(wRow + j);
            s1 += d * weight.get(wRow + j1);
            s2 += d * weight.get(wRow + j2);
            s3 += d * weight.get(wRow + j3);
        }
        out[yRow + j] = s0;
        out[yRow + j1] = s1;
        out[yRow + j2] = s2;
        out[yRow + j3] = s3;
        return differs;
    }

    /**
     * Changing W[i, j] or b[j] changes only column j of y, so the probe copies y = forward(x) once per call
     * and recomputes that column, y[r, j] = &Sigma;<sub>p</sub> x[r, p] W[p, j] + b[j], in O(batch &middot; in)
     * instead of the O(batch &middot; in &middot; out) of a full pass. Each sum runs over p in ascending order
     * from 0, the order of {@link Tensor#matmul}, so the result is bit-for-bit that of a full forward pass
     * (the rows are summed side by side, which keeps every row's order). The partial sums over p &lt; i, which the
     * new value does not reach (all of them for b[j]), are kept for the entry probed last: a central difference
     * probes each entry several times in a row, and those calls sum only the terms from p = i on.
     */
    @Override
    public ParameterProbe probe(String param, Tensor x) {
        return probe(param, x, forward(x));
    }

    /** {@link #probe(String, Tensor)} with y = forward(x) given. */
    @Override
    public ParameterProbe probe(String param, Tensor x, Tensor y) {
        boolean perturbsWeight = InPlaceProbe.perturbsWeight("affine", param);
        int batch = x.dim(0);
        int in = weight.dim(0);
        int out = weight.dim(1);
        double[][] xColumns = columns(x);
        double[] b = bias.toArray();
        double[] sums = new double[batch];
        double[] prefix = new double[batch];
        int[] prefixOf = {-1};
        return InPlaceProbe.of(y, (flatIndex, newValue, ys, written) -> {
            int column = perturbsWeight ? flatIndex % out : flatIndex;
            int row = perturbsWeight ? flatIndex / out : -1;
            if (flatIndex < 0 || column >= out || row >= in) {
                throw new IndexOutOfBoundsException("affine " + param + " has no flat index " + flatIndex);
            }
            double shift = perturbsWeight ? b[column] : newValue;
            int first = perturbsWeight ? row : in;
            if (prefixOf[0] != flatIndex) {
                Arrays.fill(prefix, 0);
                for (int p = 0; p < first; p++) {
                    addTerm(xColumns[p], weight.get(p * out + column), prefix);
                }
                prefixOf[0] = flatIndex;
            }
            System.arraycopy(prefix, 0, sums, 0, batch);
            for (int p = first; p < in; p++) {
                addTerm(xColumns[p], p == row ? newValue : weight.get(p * out + column), sums);
            }
            for (int r = 0; r < batch; r++) {
                ys[r * out + column] = sums[r] + shift;
                written[r] = r * out + column;
            }
            return batch;
        });
    }

    /** sums[r] += xColumn[r] w for every row r. */
    private static void addTerm(double[] xColumn, double w, double[] sums) {
        for (int r = 0; r < sums.length; r++) {
            sums[r] += xColumn[r] * w;
        }
    }

    /** The columns of x[batch, in] as separate arrays: the column sums then run over arrays the JIT vectorises. */
    private static double[][] columns(Tensor x) {
        int batch = x.dim(0);
        int in = x.dim(1);
        double[][] out = new double[in][batch];
        for (int r = 0; r < batch; r++) {
            for (int p = 0; p < in; p++) {
                out[p][r] = x.get(r * in + p);
            }
        }
        return out;
    }

    /**
     * Along a direction U of W: x (W + tU) + b = y + t (x &middot; U), one matrix product up front and O(batch
     * &middot; out) per step; along a direction u of b: y + t u on every row. Equal to a full pass up to rounding.
     */
    @Override
    public DirectionProbe probeDirection(String param, Tensor x, Tensor direction) {
        return probeDirection(param, x, forward(x), direction);
    }

    /** {@link #probeDirection(String, Tensor, Tensor)} with y = forward(x) given. */
    @Override
    public DirectionProbe probeDirection(String param, Tensor x, Tensor y, Tensor direction) {
        Tensor own = parameters().get(param);
        if (own == null) {
            throw new IllegalArgumentException("affine has no parameter " + param);
        }
        if (!own.sameShape(direction)) {
            throw new IllegalArgumentException("direction must have the shape of affine " + param);
        }
        Tensor change = param.equals(WEIGHT) ? x.matmul(direction) : Tensor.zeros(y.shape()).plusRow(direction);
        return t -> y.plusScaled(t, change);
    }

    /** Along a direction u of x: (x + tu) W + b = y + t (u &middot; W), one product up front; equal up to rounding. */
    @Override
    public DirectionProbe probeInputDirection(Tensor x, Tensor direction) {
        return probeInputDirection(x, forward(x), direction);
    }

    /** {@link #probeInputDirection(Tensor, Tensor)} with y = forward(x) given. */
    @Override
    public DirectionProbe probeInputDirection(Tensor x, Tensor y, Tensor direction) {
        Tensor change = direction.matmul(weight);
        return t -> y.plusScaled(t, change);
    }

    @Override
    public Layer withParameters(Map<String, Tensor> replacements) {
        for (String name : replacements.keySet()) {
            if (!name.equals(WEIGHT) && !name.equals(BIAS)) {
                throw new IllegalArgumentException("affine has no parameter " + name);
            }
        }
        Tensor w = replacements.getOrDefault(WEIGHT, weight);
        Tensor b = replacements.getOrDefault(BIAS, bias);
        if (!w.sameShape(weight) || !b.sameShape(bias)) {
            throw new IllegalArgumentException("affine parameters must keep their shapes");
        }
        return new Affine(w, b);
    }
}
