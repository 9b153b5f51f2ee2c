package io.gradcheck4j.check;

import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step sweep, for teaching: for one entry v of one variable, the central difference
 * D(h) = (f(v + h) - f(v - h)) / 2h and its error |D(h) - a| against the analytic derivative a, as the
 * (absolute) step h runs over half-decades from 1e-1 down to 1e-12. The error traces a V: on the right
 * (large h) the truncation error h<sup>2</sup>|f'''|/6 falls with slope 2 per decade; on the left (tiny h)
 * the round-off error &asymp; &epsilon;|f|/h rises with slope 1; the bottom lies near h &asymp; &epsilon;<sup>1/3</sup>
 * &asymp; 6e-6, the checker's default step. The variable's tensor is never modified (a private copy is
 * perturbed).
 */
public final class Sweep {
    private static final Pattern ENTRY = Pattern.compile("([^\\[\\]]+)\\[([0-9 ,]*)\\]");

    private Sweep() {
    }

    /** 1e-1, 10<sup>-1.5</sup>, 1e-2, ..., 1e-12: 23 half-decade steps. */
    public static double[] defaultSteps() {
        double[] steps = new double[23];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = Math.pow(10, -1 - 0.5 * k);
        }
        return steps;
    }

    /** The sweep of entry {@code index} of variable {@code name} over {@link #defaultSteps()}. */
    public static SweepResult run(Differentiable f, String name, int[] index) {
        return run(f, name, index, defaultSteps());
    }

    /**
     * The sweep of entry {@code index} of variable {@code name} over {@code steps}.
     *
     * @throws IllegalArgumentException naming the problem when there is no such variable or entry
     */
    public static SweepResult run(Differentiable f, String name, int[] index, double[] steps) {
        Variable variable = f.variables().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variable " + name + "; the variables are "
                        + f.variables().stream().map(Variable::name).toList()));
        Tensor value = variable.value();
        if (index.length != value.rank()) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(value.shape()) + ", so an entry needs "
                    + value.rank() + " indices, got " + Arrays.toString(index));
        }
        for (int axis = 0; axis < index.length; axis++) {
            if (index[axis] < 0 || index[axis] >= value.dim(axis)) {
                throw new IllegalArgumentException("index " + Arrays.toString(index) + " is outside " + name
                        + " of shape " + Arrays.toString(value.shape()));
            }
        }
        int flat = value.flatten(index);
        Tensor gradient = f.analyticGradient().get(name);
        if (gradient == null || !gradient.sameShape(value)) {
            throw new IllegalArgumentException("the backward pass returned no gradient of the right shape for " + name);
        }
        double analytic = gradient.get(flat);
        double[] work = value.toArray();
        DoubleSupplier fn = f.bind(name, Tensor.wrap(work, value.shape()));
        double original = work[flat];
        List<SweepResult.Point> points = new ArrayList<>();
        for (double h : steps) {
            double plus = original + h;
            double minus = original - h;
            work[flat] = plus;
            double fPlus = fn.getAsDouble();
            work[flat] = minus;
            double fMinus = fn.getAsDouble();
            work[flat] = original;
            double numeric = (fPlus - fMinus) / (plus - minus);
            double roundoff = NumericDerivative.EPSILON * (Math.abs(fPlus) + Math.abs(fMinus)) / (plus - minus);
            points.add(new SweepResult.Point(h, numeric, Math.abs(numeric - analytic), roundoff));
        }
        return new SweepResult(name, variable.location(), index, original, analytic, points);
    }

    /**
     * An entry written {@code NAME[i,j,...]}, e.g. {@code layers.0.weight[0,1]} or {@code input[1, 2]}
     * ({@code x[]} for a scalar).
     *
     * @throws IllegalArgumentException when the text has another form
     */
    public static Entry parseEntry(String text) {
        Matcher m = ENTRY.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("an entry is written NAME[i,j,...], e.g. layers.0.weight[0,1]; got '" + text + "'");
        }
        String inside = m.group(2).trim();
        int[] index = inside.isEmpty() ? new int[0]
                : Arrays.stream(inside.split(",")).map(String::trim).mapToInt(s -> {
                    if (s.isEmpty()) {
                        throw new IllegalArgumentException("empty index in '" + text + "'");
                    }
                    return Integer.parseInt(s);
                }).toArray();
        return new Entry(m.group(1).trim(), index);
    }

    /**
     * One entry of a variable.
     *
     * @param variable the variable name
     * @param index    its multi-index
     */
    public record Entry(String variable, int[] index) {
        /** Defensive copy. */
        public Entry {
            index = index.clone();
        }

        @Override
        public int[] index() {
            return index.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && variable.equals(e.variable) && Arrays.equals(index, e.index);
        }

        @Override
        public int hashCode() {
            return variable.hashCode() * 31 + Arrays.hashCode(index);
        }

        @Override
        public String toString() {
            return variable + Arrays.toString(index);
        }
    }
}
