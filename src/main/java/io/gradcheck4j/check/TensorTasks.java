package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-tensor work of one check, one task per variable whose analytic gradient can be compared
 * ({@link AnalyticFindings}): the tensor checked in the options' mode (projected on the mode's
 * {@link Mode#probes() probes} by {@link FastCheck}, or the mode's {@link Mode#entries entries} compared by
 * {@link EntryCheck}), then its float precision.
 */
final class TensorTasks {
    private final CheckOptions options;
    private final Shard shard;
    private final NumericDifferentiation numeric;
    private final EntryCheck entries;
    private final FastCheck fast;

    TensorTasks(CheckOptions options, Shard shard) {
        this.options = options;
        this.shard = shard;
        this.numeric = new NumericDifferentiation(options);
        this.entries = new EntryCheck(options);
        this.fast = new FastCheck(options);
    }

    /**
     * The tasks of the variables, in order; {@code found} receives one findings list per variable (filled as
     * its task runs), {@code numerics} is the FAST numeric side per variable (empty in the other modes), {@code noises}
     * the noise of f along each variable's entries when it was started early (empty: each task measures its own).
     * {@link Progress} starts counting the entries the tasks compare one by one ({@link Mode#entries}).
     */
    List<Supplier<TensorReport>> of(Differentiable f, List<Variable> variables, Map<String, Tensor> analytic,
                                    List<Supplier<FastProbes.Numerics>> numerics, List<Supplier<Double>> noises, double roundoff,
                                    List<List<Finding>> found) {
        List<Supplier<TensorReport>> tasks = new ArrayList<>();
        long offset = 0;
        long planned = 0;
        for (int k = 0; k < variables.size(); k++) {
            Variable v = variables.get(k);
            long first = offset;
            offset += v.value().size();
            List<Finding> own = new ArrayList<>();
            found.add(own);
            Tensor a = analytic.get(v.name());
            if (!AnalyticFindings.comparable(v, a, own)) {
                continue;
            }
            int variableIndex = k;
            Supplier<FastProbes.Numerics> probed = numerics.isEmpty() ? null : numerics.get(k);
            Supplier<Double> measured = noises.isEmpty() ? null : noises.get(k);
            planned += options.mode().entries(a, variableIndex, options.seed(), shard, first).length;
            tasks.add(() -> tensor(f, v, a, variableIndex, first, probed, measured, roundoff, own));
        }
        Progress.started(planned);
        return tasks;
    }

    /**
     * Checks one tensor in the options' mode, then its float precision; findings go to {@code findings}. The
     * noise of one f value is the larger of the noise measured along this tensor's entries and
     * {@code roundoff}, the rounding propagated from the activations (see {@link Diagnostics.Outcome#roundoff}); the
     * former is {@code measured} when it was started early.
     * {@code offset} is the position of v's first entry (a FULL check compares the entries of the shard).
     */
    private TensorReport tensor(Differentiable f, Variable v, Tensor a, int variableIndex, long offset, Supplier<FastProbes.Numerics> probed,
                                Supplier<Double> measured, double roundoff, List<Finding> findings) {
        Mode mode = options.mode();
        if (mode.probes() > 0) {
            FastProbes.Numerics numerics = probed.get();
            TensorReport report = fast.check(f, v, a, numerics, Math.max(numerics.noise(), roundoff), findings);
            findings.addAll(numerics.precision());
            return report;
        }
        int n = v.value().size();
        CoordinateFunction coordinates = n == 0 ? null : NumericDifferentiation.bindCoordinates(f, v);
        double own = measured != null ? measured.get() : coordinates == null ? 0 : numeric.noise(coordinates, v);
        double noise = Math.max(own, roundoff);
        int[] compared = mode.entries(a, variableIndex, options.seed(), shard, offset);
        TensorReport report = entries.compare(f, v, a, compared, mode.method(compared.length, n), noise, findings);
        if (coordinates != null) {
            findings.addAll(PrecisionTrap.precision(coordinates, v, a, options));
        }
        return report;
    }
}
