package io.gradcheck4j.check;

import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Full-mode finite-difference gradient check: every coordinate v<sub>i</sub> of every variable gets the
 * central difference n<sub>i</sub> = (f(v + h e<sub>i</sub>) - f(v - h e<sub>i</sub>)) / 2h with
 * h = step &middot; max(|v<sub>i</sub>|, 1), compared with the analytic a<sub>i</sub> from one backward pass.
 *
 * <p>Perturbations happen on private scratch copies, one per worker chunk, so the caller's tensors are
 * never modified, not even when a layer throws. Chunks run in parallel; every entry is computed the same
 * way whatever the thread count, so the report is deterministic.
 */
public final class GradientChecker {
    private static final int MIN_CHUNK = 16;

    private final CheckOptions options;

    /** A checker with the given options. */
    public GradientChecker(CheckOptions options) {
        this.options = options;
    }

    /** A checker with {@link CheckOptions#defaults()}. */
    public static GradientChecker withDefaults() {
        return new GradientChecker(CheckOptions.defaults());
    }

    /** The options. */
    public CheckOptions options() {
        return options;
    }

    /**
     * Checks every entry of every variable of {@code f}.
     *
     * @throws CheckAborted when f or its gradient cannot be evaluated (a layer throws, a gradient is
     *                      missing or misshaped, a value is NaN); the message names the variable and entry
     */
    public CheckReport check(Differentiable f) {
        Map<String, Tensor> analytic = analyticGradient(f);
        List<TensorReport> reports = new ArrayList<>();
        for (Variable v : f.variables()) {
            Tensor a = analytic.get(v.name());
            if (a == null) {
                throw new CheckAborted(v.location() + ": the backward pass returned no gradient for " + v.name(), null);
            }
            if (!a.sameShape(v.value())) {
                throw new CheckAborted(v.location() + ": analytic gradient has shape " + Arrays.toString(a.shape())
                        + " but the tensor has shape " + Arrays.toString(v.value().shape()), null);
            }
            double[] numeric = numericGradient(f, v);
            reports.add(compare(v, a, numeric));
        }
        return new CheckReport(f.describe(), options.tolerance().describe(), options.relativeStep(), reports);
    }

    private static Map<String, Tensor> analyticGradient(Differentiable f) {
        try {
            return f.analyticGradient();
        } catch (RuntimeException e) {
            throw new CheckAborted("backward pass failed: " + e.getMessage(), e);
        }
    }

    /** The central-difference gradient of f with respect to one variable, as a row-major array. */
    public double[] numericGradient(Differentiable f, Variable v) {
        int n = v.value().size();
        double[] numeric = new double[n];
        int chunks = Math.max(1, Math.min(options.parallelism() * 4, n / MIN_CHUNK));
        int chunkSize = (n + chunks - 1) / chunks;
        Runnable all = () -> IntStream.range(0, chunks).parallel().forEach(c ->
                differentiateRange(f, v, c * chunkSize, Math.min(n, (c + 1) * chunkSize), numeric));
        if (options.parallelism() == 1 || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                differentiateRange(f, v, c * chunkSize, Math.min(n, (c + 1) * chunkSize), numeric);
            }
            return numeric;
        }
        ForkJoinPool pool = new ForkJoinPool(options.parallelism());
        try {
            pool.submit(all).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CheckAborted aborted) {
                throw aborted;
            }
            throw new CheckAborted(v.location() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckAborted("interrupted while checking " + v.location(), e);
        } finally {
            pool.shutdown();
        }
        return numeric;
    }

    private void differentiateRange(Differentiable f, Variable v, int from, int to, double[] out) {
        if (from >= to) {
            return;
        }
        CoordinateFunction value = f.bindCoordinates(v.name());
        for (int i = from; i < to; i++) {
            double original = v.value().get(i);
            double h = options.relativeStep() * Math.max(Math.abs(original), 1.0);
            double plus = original + h;
            double minus = original - h;
            double fPlus;
            double fMinus;
            try {
                fPlus = value.valueAt(i, plus);
                fMinus = value.valueAt(i, minus);
            } catch (RuntimeException e) {
                throw new CheckAborted(v.location() + " at index " + v.value().formatIndex(i)
                        + ": evaluating the perturbed function failed: " + e.getMessage(), e);
            }
            out[i] = (fPlus - fMinus) / (plus - minus);
        }
    }

    private TensorReport compare(Variable v, Tensor analytic, double[] numeric) {
        Tolerance rule = options.tolerance();
        int failures = 0;
        double maxAbs = 0;
        double maxRel = 0;
        int worst = 0;
        double worstRatio = -1;
        List<Mismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < numeric.length; i++) {
            double a = analytic.get(i);
            double n = numeric[i];
            double abs = Math.abs(a - n);
            double rel = relativeError(a, n);
            double allowed = rule.allowed(a, n);
            double ratio = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs / Math.max(allowed, Double.MIN_NORMAL);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
            }
            maxAbs = Double.isNaN(abs) ? Double.NaN : Math.max(maxAbs, abs);
            maxRel = Double.isNaN(rel) ? Double.NaN : Math.max(maxRel, rel);
            if (!rule.accepts(a, n)) {
                failures++;
                if (mismatches.size() < options.mismatchesPerTensor()) {
                    mismatches.add(new Mismatch(v.name(), v.location(), v.value().unravel(i), a, n, abs, rel, allowed));
                }
            }
        }
        int[] worstIndex = numeric.length == 0 ? new int[0] : v.value().unravel(worst);
        double worstA = numeric.length == 0 ? 0 : analytic.get(worst);
        double worstN = numeric.length == 0 ? 0 : numeric[worst];
        return new TensorReport(v.name(), v.location(), v.value().shape(), numeric.length, failures,
                maxAbs, maxRel, worstIndex, worstA, worstN, mismatches);
    }

    /** CS231n's relative error |a - n| / max(|a|, |n|), 0 when both are 0. */
    public static double relativeError(double a, double n) {
        double scale = Math.max(Math.abs(a), Math.abs(n));
        return scale == 0 ? 0 : Math.abs(a - n) / scale;
    }
}
