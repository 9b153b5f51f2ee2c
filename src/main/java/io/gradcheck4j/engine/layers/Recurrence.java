package io.gradcheck4j.engine.layers;

import io.gradcheck4j.engine.fast.DirectionProbe;
import io.gradcheck4j.engine.fast.FastLayer;
import io.gradcheck4j.engine.fast.ParameterProbe;
import io.gradcheck4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The unrolling shared by {@link SimpleRnn} and {@link Lstm}: over input x [batch, time, features], with
 * parameters W<sub>x</sub> [features, G], W<sub>h</sub> [hidden, G] and b [G], the pre-activation of step t is
 *
 * <pre>
 *   a_t = (x_t W_x + h_(t-1) W_h) + b,   h_(-1) = 0,
 * </pre>
 *
 * and a cell turns a<sub>t</sub> (and the state it carries, the LSTM's c<sub>t-1</sub>) into h<sub>t</sub>; the
 * output is y [batch, time, hidden] with y[:, t, :] = h<sub>t</sub>. x W<sub>x</sub> is one blocked product for
 * all steps ({@link Tensor#matmul}); h<sub>t-1</sub> W<sub>h</sub> is one product per step and batch row into a
 * scratch row, all gates at once. Every sum runs over its index in ascending order from 0 (the order of
 * {@link Tensor#matmul}) and batch rows never mix, so every path below gives a forward pass bit for bit.
 *
 * <p>Speed paths ({@link FastLayer}, internal): a change of input x[n, t, p] reruns batch row n from step t only,
 * from the unperturbed states of step t-1 (h<sub>t-1</sub> is in y; the carried cell states and x W<sub>x</sub>
 * are computed once per input and kept); an entry of W<sub>x</sub> recomputes one column of x W<sub>x</sub>, an
 * entry of W<sub>h</sub> or b reuses x W<sub>x</sub>, and each reruns the recurrence from the first step the entry
 * reaches, in buffers the probe owns (a probe, like every {@link ParameterProbe}, is private to one thread).
 */
abstract class Recurrence extends ParameterisedLayer implements FastLayer {
    final Tensor wx;
    final Tensor wh;
    final Tensor b;
    final int features;
    final int hidden;
    final int width;
    private final List<String> names;
    /** The unperturbed run of the last input patched (see {@link #forwardPatch}); immutable, so threads may share it. */
    private volatile Unperturbed unperturbed;

    Recurrence(String type, List<String> names, Tensor wx, Tensor wh, Tensor b, int hidden) {
        super(type, names);
        this.names = names;
        this.wx = wx;
        this.wh = wh;
        this.b = b;
        this.features = wx.dim(0);
        this.hidden = hidden;
        this.width = wx.dim(1);
    }

    /** Width of the state the cell carries besides h: the LSTM's cell state (hidden), none (0). */
    abstract int carriedWidth();

    /**
     * The cell of hidden unit k in one step of one batch row: from the pre-activations of its gates,
     * {@code a[k + g hidden]} for g &lt; G / hidden, and its carried state {@code c[k]} (updated in place), writes
     * h<sub>t</sub>[k] into {@code h[hAt + k]}, and its activated gates into {@code gates[gatesAt + k + g hidden]}
     * unless {@code gates} is null. Reads and writes nothing of another unit.
     */
    abstract void cell(int k, double[] a, double[] c, double[] h, int hAt, double[] gates, int gatesAt);

    /**
     * Every unit of one step of one batch row, as {@link #cell} for k = 0..hidden-1 computes them, bit for bit;
     * {@code a} is scratch and may be overwritten.
     */
    void step(double[] a, double[] c, double[] h, int hAt, double[] gates, int gatesAt) {
        for (int k = 0; k < hidden; k++) {
            cell(k, a, c, h, hAt, gates, gatesAt);
        }
    }

    @Override
    final Tensor[] parameterValues() {
        return new Tensor[] {wx, wh, b};
    }

    @Override
    public final Tensor forward(Tensor x) {
        return Tensor.wrap(unroll(x, null, null), x.dim(0), x.dim(1), hidden);
    }

    /**
     * Every hidden state, laid out like y [batch, time, hidden]; the carried states into {@code cells} (laid out
     * [batch, time, carried]) and the activated gates into {@code gates} (laid out [batch, time, G]) unless null.
     */
    final double[] unroll(Tensor x, double[] cells, double[] gates) {
        requireInput(x);
        int batch = x.dim(0);
        int time = x.dim(1);
        double[] xw = projection(x, wx);
        double[] h = new double[batch * time * hidden];
        Unroller run = new Unroller(rows(wh), b.toArray());
        for (int n = 0; n < batch; n++) {
            run.row(xw, n * time * width, n, time, 0, h, null, cells, gates);
        }
        return h;
    }

    /** forward(x2) by {@link #forwardPatch}: the batch rows whose input changed rerun from the first changed step. */
    @Override
    public final Tensor forwardIncremental(Tensor x, Tensor y, Tensor x2) {
        return PatchedForward.of(this, x, y, x2);
    }

    /**
     * For each batch row n whose input changed, from the first changed step t<sub>0</sub> on: steps
     * t<sub>0</sub>..T-1 of row n are rerun from h<sub>t<sub>0</sub>-1</sub> (read from y) and the kept carried
     * state, with x W<sub>x</sub> recomputed for the changed steps only; lists y[n, t<sub>0</sub>.., :] as written.
     */
    @Override
    public final int forwardPatch(Tensor x, Tensor y, double[] x2, int[] changed, int count, double[] out, int[] written) {
        if (x.rank() != 3 || x.dim(2) != features || x2.length != x.size() || y.size() != x.dim(0) * x.dim(1) * hidden) {
            return -1;
        }
        Unperturbed base = unperturbed(x);
        int time = x.dim(1);
        int perRow = time * features;
        Unroller run = new Unroller(base.whRows(), base.bias());
        double[] xw = new double[time * width];
        double[] projected = new double[width];
        boolean[] stepChanged = new boolean[time];
        int n = 0;
        int k = 0;
        while (k < count) {
            if (same(x2, x, changed[k])) {
                k++;
                continue;
            }
            int row = changed[k] / perRow;
            int from = changed[k] / features % time;
            Arrays.fill(stepChanged, false);
            for (; k < count && changed[k] / perRow == row; k++) {
                if (!same(x2, x, changed[k])) {
                    stepChanged[changed[k] / features % time] = true;
                }
            }
            for (int t = from; t < time; t++) {
                int step = row * time + t;
                if (stepChanged[t]) {
                    project(x2, step * features, base.wxRows(), projected);
                    System.arraycopy(projected, 0, xw, t * width, width);
                } else {
                    System.arraycopy(base.xw(), step * width, xw, t * width, width);
                }
            }
            run.row(xw, 0, row, time, from, out, base.cells(), null, null);
            for (int e = (row * time + from) * hidden; e < (row + 1) * time * hidden; e++) {
                written[n++] = e;
            }
        }
        return n;
    }

    private static boolean same(double[] x2, Tensor x, int i) {
        return Double.doubleToLongBits(x2[i]) == Double.doubleToLongBits(x.get(i));
    }

    /** The kept run of x, computed on the first patch of x (a race computes it twice, equal). */
    private Unperturbed unperturbed(Tensor x) {
        Unperturbed kept = unperturbed;
        if (kept == null || kept.x() != x) {
            double[] cells = carriedWidth() == 0 ? null : new double[x.dim(0) * x.dim(1) * carriedWidth()];
            unroll(x, cells, null);
            kept = new Unperturbed(x, projection(x, wx), cells, rows(wx), rows(wh), b.toArray());
            unperturbed = kept;
        }
        return kept;
    }

    /**
     * One entry of W<sub>x</sub> changes column j of x W<sub>x</sub> only: that column is recomputed (summed in
     * ascending order, as the product does) into the probe's copy; an entry of W<sub>h</sub> or b is set in the
     * probe's copy. Column j belongs to hidden unit u = j mod hidden, so the first step it reaches (step 0; for
     * a finite entry of W<sub>h</sub>, which multiplies h<sub>-1</sub> = 0, step 1) changes only unit u; from there
     * the recurrence reruns on every batch row into {@code out}, from the unperturbed states of the probe, allocating nothing.
     */
    @Override
    public final ParameterProbe probe(String param, Tensor x) {
        return probe(param, x, forward(x));
    }

    /** {@link #probe(String, Tensor)} with y = forward(x) given. */
    @Override
    public final ParameterProbe probe(String param, Tensor x, Tensor y) {
        int which = parameterIndex(param);
        requireInput(x);
        int batch = x.dim(0);
        int time = x.dim(1);
        int steps = batch * time;
        double[] xs = x.toArray();
        double[] xwBase = projection(x, wx);
        double[] xwWork = xwBase.clone();
        double[] wxs = wx.toArray();
        double[][] whRows = rows(wh);
        double[] bias = b.toArray();
        double[] cells = carriedWidth() == 0 ? null : new double[steps * carriedWidth()];
        unroll(x, cells, null);
        Unroller run = new Unroller(whRows, bias);
        return InPlaceProbe.of(y, new InPlaceProbe.Path() {
            @Override
            public int write(int flatIndex, double newValue, double[] ys, int[] written) {
                Objects.checkIndex(flatIndex, which == 2 ? width : (which == 0 ? features : hidden) * width);
                int j = flatIndex % width;
                int from = which == 1 && Double.isFinite(newValue) ? 1 : 0;
                switch (which) {
                    case 0 -> {
                        double original = wxs[flatIndex];
                        wxs[flatIndex] = newValue;
                        for (int r = 0; r < steps; r++) {
                            double s = 0;
                            for (int p = 0; p < features; p++) {
                                s += xs[r * features + p] * wxs[p * width + j];
                            }
                            xwWork[r * width + j] = s;
                        }
                        wxs[flatIndex] = original;
                        try {
                            return rerun(xwWork, j % hidden, from, ys, written);
                        } finally {
                            for (int r = 0; r < steps; r++) {
                                xwWork[r * width + j] = xwBase[r * width + j];
                            }
                        }
                    }
                    case 1 -> {
                        double[] row = whRows[flatIndex / width];
                        double original = row[j];
                        row[j] = newValue;
                        try {
                            return rerun(xwBase, j % hidden, from, ys, written);
                        } finally {
                            row[j] = original;
                        }
                    }
                    default -> {
                        double original = bias[j];
                        bias[j] = newValue;
                        try {
                            return rerun(xwBase, j % hidden, from, ys, written);
                        } finally {
                            bias[j] = original;
                        }
                    }
                }
            }

            /** Unit u of step {@code from}, then every unit of the later steps, of every batch row; lists what it wrote. */
            private int rerun(double[] xw, int u, int from, double[] ys, int[] written) {
                int n = 0;
                for (int row = 0; row < batch && from < time; row++) {
                    run.start(row, time, from + 1, cells);
                    run.unit(xw, row * time * width, row, time, from, u, ys, cells);
                    written[n++] = (row * time + from) * hidden + u;
                    run.steps(xw, row * time * width, row, time, from + 1, ys, null, null);
                    for (int e = (row * time + from + 1) * hidden; e < (row + 1) * time * hidden; e++) {
                        written[n++] = e;
                    }
                }
                return n;
            }
        });
    }

    /**
     * Along a direction U of a parameter: the parameter at &theta; + tU is formed entry by entry as a full pass
     * of {@code withParameters} would get it; a direction of W<sub>h</sub> or b reuses x W<sub>x</sub>, computed once.
     */
    @Override
    public final DirectionProbe probeDirection(String param, Tensor x, Tensor direction) {
        return probeDirection(param, x, null, direction);
    }

    /** {@link #probeDirection(String, Tensor, Tensor)}; y is not needed. */
    @Override
    public final DirectionProbe probeDirection(String param, Tensor x, Tensor y, Tensor direction) {
        int which = parameterIndex(param);
        Tensor value = parameterValues()[which];
        if (!value.sameShape(direction)) {
            throw new IllegalArgumentException("direction must have the shape of " + type() + " " + param);
        }
        requireInput(x);
        int batch = x.dim(0);
        int time = x.dim(1);
        double[] base = value.toArray();
        double[] u = direction.toArray();
        double[] xwBase = which == 0 ? null : projection(x, wx);
        return t -> {
            double[] moved = new double[base.length];
            for (int i = 0; i < moved.length; i++) {
                moved[i] = base[i] + t * u[i];
            }
            Tensor at = Tensor.wrap(moved, value.shape());
            double[] xw = which == 0 ? projection(x, at) : xwBase;
            Unroller run = new Unroller(rows(which == 1 ? at : wh), which == 2 ? moved : b.toArray());
            double[] h = new double[batch * time * hidden];
            for (int n = 0; n < batch; n++) {
                run.row(xw, n * time * width, n, time, 0, h, null, null, null);
            }
            return Tensor.wrap(h, batch, time, hidden);
        };
    }

    private int parameterIndex(String param) {
        int which = names.indexOf(param);
        if (which < 0) {
            throw new IllegalArgumentException(type() + " has no parameter " + param);
        }
        return which;
    }

    final void requireInput(Tensor x) {
        Shapes.requireSequence(type(), x, "[batch, time, features]", features, features + " features");
    }

    /** x W for x [batch, time, features] as rows [batch &middot; time, G], one blocked product. */
    private static double[] projection(Tensor x, Tensor w) {
        return x.reshape(x.dim(0) * x.dim(1), x.dim(2)).matmul(w).toArray();
    }

    /** xs[at..at + rows.length) &middot; rows into {@code acc}, summed over p in ascending order from 0 (as {@link Tensor#matmul}). */
    static void project(double[] xs, int at, double[][] rows, double[] acc) {
        Arrays.fill(acc, 0);
        for (int p = 0; p < rows.length; p++) {
            double s = xs[at + p];
            double[] row = rows[p];
            for (int j = 0; j < acc.length; j++) {
                acc[j] += s * row[j];
            }
        }
    }

    /** The rows of matrix m as separate arrays (the loop shape the JIT vectorises). */
    private static double[][] rows(Tensor m) {
        int cols = m.dim(1);
        double[] flat = m.toArray();
        double[][] out = new double[m.dim(0)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** The input, its x W<sub>x</sub>, carried states (null without), and W<sub>x</sub>, W<sub>h</sub>, b as read then; never written. */
    private record Unperturbed(Tensor x, double[] xw, double[] cells, double[][] wxRows, double[][] whRows, double[] bias) {
    }

    /** The recurrence of one batch row at a time, with W<sub>h</sub> as row arrays, b, and the scratch of one step: private to one thread. */
    final class Unroller {
        private final double[][] whRows;
        private final double[] bias;
        private final double[] a;
        private final double[] carried;
        private final double[] zeros;

        Unroller(double[][] whRows, double[] bias) {
            this.whRows = whRows;
            this.bias = bias;
            this.a = new double[width];
            this.carried = new double[carriedWidth()];
            this.zeros = new double[hidden];
        }

        /**
         * Steps {@code from}..time-1 of batch row n: x<sub>t</sub> W<sub>x</sub> is read from {@code xw} at
         * {@code xwAt} + t G, h<sub>from-1</sub> from {@code h} (laid out [batch, time, hidden]; zero at step 0) and
         * the carried state of step from-1 from {@code startCells} (laid out [batch, time, carried]); writes
         * h<sub>t</sub> into {@code h}, the carried states into {@code cells} and the gates into {@code gates}
         * (laid out like xw) unless null.
         */
        void row(double[] xw, int xwAt, int n, int time, int from, double[] h, double[] startCells, double[] cells, double[] gates) {
            start(n, time, from, startCells);
            steps(xw, xwAt, n, time, from, h, cells, gates);
        }

        /** Sets the carried state to that of step from-1 of row n in {@code startCells} (zero when from is 0). */
        void start(int n, int time, int from, double[] startCells) {
            int c = carried.length;
            if (from == 0) {
                Arrays.fill(carried, 0);
            } else if (c > 0) {
                System.arraycopy(startCells, (n * time + from - 1) * c, carried, 0, c);
            }
        }

        /** {@link #row} from the carried state as it is. */
        void steps(double[] xw, int xwAt, int n, int time, int from, double[] h, double[] cells, double[] gates) {
            int c = carried.length;
            for (int t = from; t < time; t++) {
                double[] previous = t == 0 ? zeros : h;
                int previousAt = t == 0 ? 0 : (n * time + t - 1) * hidden;
                hiddenProduct(previous, previousAt);
                int at = xwAt + t * width;
                for (int j = 0; j < width; j++) {
                    a[j] = xw[at + j] + a[j] + bias[j];
                }
                int hAt = (n * time + t) * hidden;
                step(a, carried, h, hAt, gates, at);
                if (cells != null) {
                    System.arraycopy(carried, 0, cells, (n * time + t) * c, c);
                }
            }
        }

        /**
         * a = h<sub>t-1</sub> W<sub>h</sub> for h<sub>t-1</sub> = {@code previous[at..at + hidden)}: each a[j] is
         * 0 + h[0] W[0, j] + h[1] W[1, j] + ... summed left to right, k ascending (the order of {@link Tensor#matmul}),
         * four rows of W<sub>h</sub> per pass over a, so a is loaded and stored a quarter as often as row by row
         * (the rows past a multiple of four one by one; below four rows, from a = 0).
         */
        private void hiddenProduct(double[] previous, int at) {
            int k = firstRows(previous, at);
            for (; k + 4 <= hidden; k += 4) {
                double s0 = previous[at + k];
                double s1 = previous[at + k + 1];
                double s2 = previous[at + k + 2];
                double s3 = previous[at + k + 3];
                double[] r0 = whRows[k];
                double[] r1 = whRows[k + 1];
                double[] r2 = whRows[k + 2];
                double[] r3 = whRows[k + 3];
                for (int j = 0; j < width; j++) {
                    a[j] = a[j] + s0 * r0[j] + s1 * r1[j] + s2 * r2[j] + s3 * r3[j];
                }
            }
            for (; k < hidden; k++) {
                double s = previous[at + k];
                double[] row = whRows[k];
                for (int j = 0; j < width; j++) {
                    a[j] += s * row[j];
                }
            }
        }

        /** a = 0 + h[0] W[0, :] + ... over the first min(4, hidden) rows (a = 0 when hidden is 0); returns how many. */
        private int firstRows(double[] previous, int at) {
            if (hidden < 4) {
                Arrays.fill(a, 0);
                return 0;
            }
            double s0 = previous[at];
            double s1 = previous[at + 1];
            double s2 = previous[at + 2];
            double s3 = previous[at + 3];
            double[] r0 = whRows[0];
            double[] r1 = whRows[1];
            double[] r2 = whRows[2];
            double[] r3 = whRows[3];
            for (int j = 0; j < width; j++) {
                a[j] = 0.0 + s0 * r0[j] + s1 * r1[j] + s2 * r2[j] + s3 * r3[j];
            }
            return 4;
        }

        /**
         * Unit u alone of step t of row n, every other unit of that step as in {@code h} and {@code cells} (laid out
         * as in {@link #row}): its gates' pre-activations summed as {@link #steps} sums them, from h<sub>t-1</sub> in
         * {@code h} and its carried state of step t-1 in {@code cells}; writes h<sub>t</sub>[u] into {@code h} and
         * its new carried state into the carried state, whose other units the caller has set to step t
         * ({@link #start} for step t + 1).
         */
        void unit(double[] xw, int xwAt, int n, int time, int t, int u, double[] h, double[] cells) {
            double[] previous = t == 0 ? zeros : h;
            int previousAt = t == 0 ? 0 : (n * time + t - 1) * hidden;
            int at = xwAt + t * width;
            for (int column = u; column < width; column += hidden) {
                double s = 0;
                for (int k = 0; k < hidden; k++) {
                    s += previous[previousAt + k] * whRows[k][column];
                }
                a[column] = xw[at + column] + s + bias[column];
            }
            if (carried.length > 0) {
                carried[u] = t == 0 ? 0 : cells[(n * time + t - 1) * carried.length + u];
            }
            cell(u, a, carried, h, (n * time + t) * hidden, null, 0);
        }
    }
}
