package io.gradcheck4j.explain;

import io.gradcheck4j.tensor.Tensor;
import java.util.Locale;

/** Compact number and tensor text for explanations: up to 10 significant digits, nested brackets. */
final class CompactNumbers {
    private CompactNumbers() {
    }

    /** E.g. {@code -12}, {@code 0.5498339973}, {@code 1.5e-08}. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.10g", v);
        if (s.contains("e")) {
            return s.replaceFirst("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }

    /** Nested-bracket text of a tensor with {@link #format} entries. */
    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder();
        append(sb, t, t.shape(), 0, 0);
        return sb.toString();
    }

    private static int append(StringBuilder sb, Tensor t, int[] shape, int axis, int offset) {
        if (axis == shape.length) {
            sb.append(format(t.get(offset)));
            return offset + 1;
        }
        sb.append('[');
        int next = offset;
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            next = append(sb, t, shape, axis + 1, next);
        }
        sb.append(']');
        return next;
    }
}
