package io.gradcheck4j.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An immutable dense tensor of doubles: a row-major {@code double[]} plus a shape of rank 0 to 4.
 *
 * <p>The element at index (i<sub>0</sub>, ..., i<sub>r-1</sub>) lives at flat offset
 * &Sigma;<sub>k</sub> i<sub>k</sub> &middot; stride<sub>k</sub> with stride<sub>r-1</sub> = 1 and
 * stride<sub>k</sub> = stride<sub>k+1</sub> &middot; shape<sub>k+1</sub>.
 *
 * <p>Every operation returns a new tensor; no public method mutates one. The only escape hatch is
 * {@link #wrap(double[], int...)}, which adopts an array without copying: its caller promises that
 * nobody else holds the array (the checker uses it for private working copies it perturbs in place).
 */
public final class Tensor {
    /** Largest supported rank. */
    public static final int MAX_RANK = 4;

    private final double[] data;
    private final int[] shape;

    private Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** A tensor holding a copy of {@code data} with the given shape; sizes must agree. */
    public static Tensor of(double[] data, int... shape) {
        return wrap(data.clone(), shape.clone());
    }

    /**
     * A tensor that adopts {@code data} without copying. The caller must not let anyone else see the
     * array; mutating it afterwards changes the tensor (use only for private scratch copies).
     */
    public static Tensor wrap(double[] data, int... shape) {
        validateShape(shape);
        if (data.length != sizeOf(shape)) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape "
                    + Arrays.toString(shape) + " needs " + sizeOf(shape));
        }
        return new Tensor(data, shape.clone());
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0]);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor matrix(double[]... rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " columns, expected " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        validateShape(shape);
        return new Tensor(new double[sizeOf(shape)], shape.clone());
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor filled(double value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    private static void validateShape(int[] shape) {
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " exceeds " + MAX_RANK);
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
    }

    /** Product of the dimensions (1 for a scalar). */
    public static int sizeOf(int... shape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) size;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Element at a flat row-major offset. */
    public double get(int flatIndex) {
        return data[flatIndex];
    }

    /** Element at a multi-index. */
    public double at(int... index) {
        return data[flatten(index)];
    }

    /** The value of a rank-0 or one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs one element, tensor has " + data.length);
        }
        return data[0];
    }

    /** A copy of the row-major data. */
    public double[] toArray() {
        return data.clone();
    }

    /** Copies the data into {@code target} starting at {@code offset}. */
    public void copyInto(double[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /**
     * The first flat offset &ge; {@code from} at which this and {@code other} (same size) differ, or -1;
     * entries are compared like {@link Double#equals} (-0.0 differs from 0.0, NaN equals NaN). Vectorised,
     * so skipping long equal runs is cheap (incremental forward passes use it to find changed entries).
     */
    public int nextDifference(Tensor other, int from) {
        if (other.data.length != data.length) {
            throw new IllegalArgumentException("nextDifference: sizes " + data.length + " and " + other.data.length + " differ");
        }
        if (from >= data.length) {
            return -1;
        }
        int offset = Arrays.mismatch(data, from, data.length, other.data, from, data.length);
        return offset < 0 ? -1 : from + offset;
    }

    /** Whether the shapes are equal. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Flat offset of a multi-index. */
    public int flatten(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index rank " + index.length + " != tensor rank " + shape.length);
        }
        int flat = 0;
        for (int k = 0; k < shape.length; k++) {
            if (index[k] < 0 || index[k] >= shape[k]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
            }
            flat = flat * shape[k] + index[k];
        }
        return flat;
    }

    /** Multi-index of a flat offset. */
    public int[] unravel(int flatIndex) {
        int[] index = new int[shape.length];
        int rest = flatIndex;
        for (int k = shape.length - 1; k >= 0; k--) {
            index[k] = rest % shape[k];
            rest /= shape[k];
        }
        return index;
    }

    /** The multi-index of a flat offset written as {@code [i, j]} ({@code []} for a scalar). */
    public String formatIndex(int flatIndex) {
        return Arrays.toString(unravel(flatIndex));
    }

    /** The same data seen with another shape of equal size. */
    public Tensor reshape(int... newShape) {
        if (sizeOf(newShape) != data.length) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
        }
        validateShape(newShape);
        return new Tensor(data, newShape.clone());
    }

    /** f applied to every element. */
    public Tensor map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Tensor(out, shape);
    }

    /** f applied element-wise to this and an equally shaped tensor. */
    public Tensor zip(Tensor other, DoubleBinaryOperator f) {
        requireSameShape(other, "zip");
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i], other.data[i]);
        }
        return new Tensor(out, shape);
    }

    /** this + other, element-wise. */
    public Tensor plus(Tensor other) {
        requireSameShape(other, "plus");
        double[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += other.data[i];
        }
        return new Tensor(out, shape);
    }

    /** this + t &middot; other, element-wise, in one pass (a point on the line through this along other). */
    public Tensor plusScaled(double t, Tensor other) {
        requireSameShape(other, "plusScaled");
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] + other.data[i] * t;
        }
        return new Tensor(out, shape);
    }

    /** this - other, element-wise. */
    public Tensor minus(Tensor other) {
        requireSameShape(other, "minus");
        double[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= other.data[i];
        }
        return new Tensor(out, shape);
    }

    /** this * other, element-wise (Hadamard product). */
    public Tensor times(Tensor other) {
        requireSameShape(other, "times");
        double[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= other.data[i];
        }
        return new Tensor(out, shape);
    }

    /** c * this. */
    public Tensor scale(double c) {
        double[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= c;
        }
        return new Tensor(out, shape);
    }

    /** &Sigma; this<sub>i</sub>. */
    public double sum() {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return s;
    }

    /**
     * &Sigma; (this<sub>i</sub> - other<sub>i</sub>)<sup>2</sup>, summed in index order without a temporary:
     * bit for bit {@code minus(other).dot(minus(other))}.
     */
    public double squaredDistance(Tensor other) {
        requireSameShape(other, "squaredDistance");
        double s = 0;
        for (int i = 0; i < data.length; i++) {
            double d = data[i] - other.data[i];
            s += d * d;
        }
        return s;
    }

    /** &Sigma; this<sub>i</sub> &middot; other<sub>i</sub> (Frobenius inner product). */
    public double dot(Tensor other) {
        requireSameShape(other, "dot");
        double s = 0;
        for (int i = 0; i < data.length; i++) {
            s += data[i] * other.data[i];
        }
        return s;
    }

    /** max<sub>i</sub> |this<sub>i</sub>| (0 for an empty tensor). */
    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Flat offset of the first NaN or infinite element, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A copy with one element replaced. */
    public Tensor with(int flatIndex, double value) {
        double[] out = data.clone();
        out[flatIndex] = value;
        return new Tensor(out, shape);
    }

    /** Rows of a 2-D tensor: result[i, j] = this[i, j] + row[j] (bias broadcast over the batch). */
    public Tensor plusRow(Tensor row) {
        require2d("plusRow");
        int rows = shape[0];
        int cols = shape[1];
        if (row.data.length != cols) {
            throw new IllegalArgumentException("plusRow: row of " + row.data.length + " elements for " + cols + " columns");
        }
        double[] out = data.clone();
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                out[base + j] += row.data[j];
            }
        }
        return new Tensor(out, shape);
    }

    /** Column sums of a 2-D tensor: result[j] = &Sigma;<sub>i</sub> this[i, j] (numpy's sum over axis 0). */
    public Tensor sumRows() {
        require2d("sumRows");
        int rows = shape[0];
        int cols = shape[1];
        double[] out = new double[cols];
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += data[base + j];
            }
        }
        return new Tensor(out, new int[] {cols});
    }

    /** Transpose of a 2-D tensor. */
    public Tensor transpose() {
        require2d("transpose");
        return new Tensor(MatMul.transpose(data, shape[0], shape[1]), new int[] {shape[1], shape[0]});
    }

    /** Matrix product this[m, k] &middot; other[k, n]. */
    public Tensor matmul(Tensor other) {
        require2d("matmul");
        other.require2d("matmul");
        if (shape[1] != other.shape[0]) {
            throw new IllegalArgumentException("matmul: " + Arrays.toString(shape) + " . " + Arrays.toString(other.shape));
        }
        double[] out = new double[shape[0] * other.shape[1]];
        MatMul.ab(data, other.data, out, shape[0], shape[1], other.shape[1]);
        return new Tensor(out, new int[] {shape[0], other.shape[1]});
    }

    /** this<sup>T</sup> &middot; other for this[k, m], other[k, n], without materialising the transpose. */
    public Tensor transposeMatmul(Tensor other) {
        require2d("transposeMatmul");
        other.require2d("transposeMatmul");
        if (shape[0] != other.shape[0]) {
            throw new IllegalArgumentException("transposeMatmul: " + Arrays.toString(shape) + "^T . " + Arrays.toString(other.shape));
        }
        double[] out = new double[shape[1] * other.shape[1]];
        MatMul.atb(data, other.data, out, shape[0], shape[1], other.shape[1]);
        return new Tensor(out, new int[] {shape[1], other.shape[1]});
    }

    /** this &middot; other<sup>T</sup> for this[m, k], other[n, k], without materialising the transpose. */
    public Tensor matmulTranspose(Tensor other) {
        require2d("matmulTranspose");
        other.require2d("matmulTranspose");
        if (shape[1] != other.shape[1]) {
            throw new IllegalArgumentException("matmulTranspose: " + Arrays.toString(shape) + " . " + Arrays.toString(other.shape) + "^T");
        }
        double[] out = new double[shape[0] * other.shape[0]];
        MatMul.abt(data, other.data, out, shape[0], shape[1], other.shape[0]);
        return new Tensor(out, new int[] {shape[0], other.shape[0]});
    }

    private void require2d(String op) {
        if (shape.length != 2) {
            throw new IllegalArgumentException(op + " needs a 2-D tensor, got shape " + Arrays.toString(shape));
        }
    }

    private void requireSameShape(Tensor other, String op) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(shape) + " and " + Arrays.toString(other.shape) + " differ");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** Nested-array text, e.g. {@code [[1.0, 2.0], [3.0, 4.0]]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendNested(sb, 0, 0);
        return sb.toString();
    }

    private int appendNested(StringBuilder sb, int axis, int offset) {
        if (axis == shape.length) {
            sb.append(data[offset]);
            return offset + 1;
        }
        sb.append('[');
        int next = offset;
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            next = appendNested(sb, axis + 1, next);
        }
        sb.append(']');
        return next;
    }
}
