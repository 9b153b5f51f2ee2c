package io.gradcheck4j.check;

import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

/**
 * The numeric derivatives of f along single entries v<sub>i</sub>: the step h = step &middot;
 * max(|v<sub>i</sub>|, 1), the measured noise of one f value (fourth differences along the first, middle and
 * last entries, see {@link Stencil#noise}), and the derivatives of a list of entries ({@link Stencil#differentiate}),
 * in chunks of at least {@value #MIN_CHUNK} entries on a shared worker pool when f is
 * {@link Differentiable#threadSafe()}. Every evaluation of user code goes through {@link #evaluate}, which turns
 * a failure into a {@link CheckAborted} naming the variable and entry; every {@value #PROGRESS_BLOCK} entries
 * differentiated (and the rest of a chunk) are counted as done in {@link Progress}.
 */
final class NumericDifferentiation {
    private static final int MIN_CHUNK = 16;
    /** Entries differentiated between two counts in {@link Progress}: one shared counter bump per block, not per entry. */
    private static final int PROGRESS_BLOCK = 64;

    private final CheckOptions options;

    NumericDifferentiation(CheckOptions options) {
        this.options = options;
    }

    /** h = step &middot; max(|value|, 1). */
    double step(double value) {
        return options.relativeStep() * Math.max(Math.abs(value), 1.0);
    }

    /** The noise of f along v's entries ({@link GradientChecker#noise}); 0 for an empty tensor. */
    double noise(Differentiable f, Variable v) {
        return v.value().size() == 0 ? 0 : noise(bindCoordinates(f, v), v);
    }

    /** The noise of f bound along v's entries, probed at the first, middle and last entries. */
    double noise(CoordinateFunction coordinates, Variable v) {
        int n = v.value().size();
        List<Stencil.Line> lines = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        for (int i : new TreeSet<>(List.of(0, n / 2, n - 1))) {
            lines.add(coordinateLine(coordinates, i, v));
            steps.add(step(v.value().get(i)));
        }
        return Stencil.noise(lines, steps);
    }

    /** The numeric derivatives of the given flat entries of v at the given noise level, in their order. */
    NumericDerivative[] derivatives(Differentiable f, Variable v, int[] entries, double noise) {
        int n = entries.length;
        NumericDerivative[] out = new NumericDerivative[n];
        int chunks = Math.max(1, Math.min(options.parallelism() * 4, n / MIN_CHUNK));
        int chunkSize = (n + chunks - 1) / chunks;
        if (options.parallelism() == 1 || chunks == 1 || !f.threadSafe()) {
            for (int c = 0; c < chunks; c++) {
                differentiateRange(f, v, entries, c * chunkSize, Math.min(n, (c + 1) * chunkSize), noise, out);
            }
            return out;
        }
        try {
            WorkerPools.runIn(options.parallelism(), () -> IntStream.range(0, chunks).parallel().forEach(c ->
                    differentiateRange(f, v, entries, c * chunkSize, Math.min(n, (c + 1) * chunkSize), noise, out)));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CheckAborted aborted) {
                throw aborted;
            }
            throw new CheckAborted(v.location() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckAborted("interrupted while checking " + v.location(), e);
        }
        return out;
    }

    private void differentiateRange(Differentiable f, Variable v, int[] entries, int from, int to, double noise, NumericDerivative[] out) {
        if (from >= to) {
            return;
        }
        CoordinateFunction coordinates = bindCoordinates(f, v);
        Evaluation center = evaluate(() -> coordinates.evaluateAt(entries[from], v.value().get(entries[from])), v, "the unperturbed point");
        for (int p = from; p < to; p++) {
            int i = entries[p];
            out[p] = Stencil.differentiate(coordinateLine(coordinates, i, v), step(v.value().get(i)), center, options.kinkRetryFactor(), noise);
            if ((p - from + 1) % PROGRESS_BLOCK == 0) {
                Progress.done(PROGRESS_BLOCK);
            }
        }
        Progress.done((to - from) % PROGRESS_BLOCK);
    }

    static DirectionFunction bindDirection(Differentiable f, Variable v, Tensor direction) {
        try {
            return f.bindDirection(v.name(), direction);
        } catch (RuntimeException e) {
            throw new CheckAborted(v.location() + ": evaluating the function failed: " + e.getMessage(), e);
        }
    }

    static CoordinateFunction bindCoordinates(Differentiable f, Variable v) {
        try {
            return f.bindCoordinates(v.name());
        } catch (RuntimeException e) {
            throw new CheckAborted(v.location() + ": evaluating the function failed: " + e.getMessage(), e);
        }
    }

    /**
     * f along entry i through {@code coordinates} (the fast path of {@link Differentiable#bindCoordinates}). The
     * entry's name is formatted only if a message needs it (a progress line, a failure), not once per entry.
     */
    static Stencil.Line coordinateLine(CoordinateFunction coordinates, int i, Variable v) {
        double original = v.value().get(i);
        EntryName where = new EntryName(v.value(), i);
        Progress.evaluating(v.location(), where);
        return new Stencil.Line() {
            @Override
            public Evaluation at(double t) {
                return evaluateAt(() -> coordinates.evaluateAt(i, original + t), v, where);
            }

            @Override
            public double realised(double t) {
                return (original + t) - original;
            }
        };
    }

    static Evaluation evaluate(Probe probe, Variable v, String where) {
        Progress.evaluating(v.location(), where);
        return evaluateAt(probe, v, where);
    }

    /**
     * {@link #evaluate} without telling {@link Progress}: for the evaluations of one entry's stencil, whose line
     * names the entry once ({@link #coordinateLine}) rather than on each of its 4 to 8 evaluations, a write to
     * state shared by every worker thread in the innermost loop of a full check.
     */
    private static Evaluation evaluateAt(Probe probe, Variable v, Object where) {
        try {
            return probe.evaluate();
        } catch (RuntimeException e) {
            throw new CheckAborted(v.location() + " at " + where + ": evaluating the perturbed function failed: " + e.getMessage(), e);
        }
    }

    /** Entry {@code flatIndex} of {@code value} as messages name it: {@code index [0, 1]}. */
    private record EntryName(Tensor value, int flatIndex) {
        @Override
        public String toString() {
            return "index " + value.formatIndex(flatIndex);
        }
    }
}
