package io.gradcheck4j.check;

import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Finite-difference gradient check. For every compared coordinate v<sub>i</sub> the numeric derivative is
 * the Richardson extrapolation (or, where round-off dominates, the plain value) of the central differences at h = step &middot; max(|v<sub>i</sub>|, 1) and
 * h/2, with an error estimate ({@link NumericDerivative}); the {@link Tolerance} judges it against the
 * analytic a<sub>i</sub> from one backward pass. Each entry gets a {@link io.gradcheck4j.report.Verdict Verdict}: PASS, FAIL, or
 * NON_DIFFERENTIABLE when its stencil straddles a kink (see {@link Stencil}). {@link Mode} chooses the
 * entries: all (FULL), a seeded sample (SAMPLED), or random projections (FAST). {@link Diagnostics} run
 * alongside and their {@link Finding}s are part of the report; when f is not deterministic (a diagnostic, or
 * {@link Determinism}: two values at the unperturbed point differ), no entry is compared.
 *
 * <p>Perturbations happen on private scratch copies, one per worker chunk, so the caller's tensors are
 * never modified, not even when a layer throws. When f is {@link Differentiable#threadSafe()} (and only then),
 * chunks run in parallel on a shared worker pool ({@link WorkerPools}), the tensors side by side; in FAST mode, from
 * {@value Scheduling#MIN_CONCURRENT_ENTRIES} entries in all, each tensor's noise estimate and each probe is a task of its own, running while the diagnostics compute the analytic
 * gradient ({@link FastProbes}). Every entry is computed the same way whatever the thread count, and random
 * choices come from a private generator seeded by the options (never the caller's), so the report is
 * deterministic.
 */
public final class GradientChecker {
    private final CheckOptions options;
    private final Shard shard;
    private final NumericDifferentiation numeric;
    private final TensorTasks tensors;

    /** A checker with the given options. */
    public GradientChecker(CheckOptions options) {
        this(options, Shard.ALL);
    }

    /**
     * A checker that, in FULL mode, compares only the entries of {@code shard} (diagnostics, noise estimates
     * and precision checks run as in the whole check); other modes ignore the shard.
     */
    public GradientChecker(CheckOptions options, Shard shard) {
        this.options = options;
        this.shard = shard;
        this.numeric = new NumericDifferentiation(options);
        this.tensors = new TensorTasks(options, shard);
    }

    /** The shard of a full check this checker compares ({@link Shard#ALL} by default). */
    public Shard shard() {
        return shard;
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
     * Runs the diagnostics, then checks the variables of {@code f} in the options' mode, counting the entries
     * compared in {@link Progress#entries()}.
     *
     * @throws CheckAborted when f or its gradient cannot be evaluated (a layer throws, a perturbed
     *                      evaluation fails); the message names the variable and entry. Gradients of the
     *                      wrong shape or missing are reported as findings instead.
     */
    public CheckReport check(Differentiable f) {
        List<Variable> variables = f.variables();
        AtomicBoolean abandoned = new AtomicBoolean();
        try {
            return check(f, variables, Scheduling.pool(f, variables, options), abandoned);
        } finally {
            abandoned.set(true);
            Progress.finished();
        }
    }

    /**
     * The check, with the tensors run on {@code pool} (null: one after the other). The FAST numeric side
     * (directions, noise, the derivatives along each direction) and the noise of the other modes need no analytic
     * gradient, so on a pool they run while the diagnostics compute that gradient; {@code abandoned} stops it early once the check has
     * ended another way.
     */
    private CheckReport check(Differentiable f, List<Variable> variables, ForkJoinPool pool, AtomicBoolean abandoned) {
        Progress.evaluating("", "the forward and backward passes");
        Diagnostics.Snapshot snapshot = Diagnostics.snapshot(f);
        List<Supplier<FastProbes.Numerics>> numerics = options.mode().probes() > 0
                ? new FastProbes(options).start(f, variables, pool, abandoned) : List.of();
        List<Supplier<Double>> noises = options.mode().probes() == 0 && pool != null ? noises(f, variables, pool, abandoned) : List.of();
        Diagnostics.Outcome diagnosed = Diagnostics.runAndDifferentiate(f, options);
        Evaluation before = Determinism.center(f, variables);
        List<Finding> findings = new ArrayList<>(diagnosed.findings());
        Map<String, Tensor> analytic;
        try {
            analytic = diagnosed.gradient() != null ? diagnosed.gradient() : f.analyticGradient();
        } catch (RuntimeException e) {
            if (findings.stream().anyMatch(AnalyticFindings::blocksBackward)) {
                return CheckReports.of(f, options, List.of(), findings);
            }
            throw new CheckAborted("backward pass failed: " + e.getMessage(), e);
        }
        List<List<Finding>> found = new ArrayList<>();
        List<Supplier<TensorReport>> tasks = tensors.of(f, variables, analytic, numerics, noises, diagnosed.roundoff(), found);
        List<TensorReport> reports = Scheduling.run(tasks, pool);
        found.forEach(findings::addAll);
        reports = Determinism.judged(f, before, variables, reports, findings, options.nondeterminismTolerance());
        if (findings.stream().noneMatch(x -> x.kind() == Finding.Kind.INPUT_MUTATION)) {
            findings.addAll(snapshot.changes());
        }
        return CheckReports.of(f, options, reports, findings);
    }

    /**
     * The noise of f along each variable's entries ({@link #noise}), started on {@code pool} before the diagnostics:
     * it needs no analytic gradient, so an entry-by-entry check measures it while the diagnostics run.
     */
    private List<Supplier<Double>> noises(Differentiable f, List<Variable> variables, ForkJoinPool pool, AtomicBoolean abandoned) {
        List<Supplier<Double>> noises = new ArrayList<>();
        for (Variable v : variables) {
            noises.add(FastProbes.start(pool, abandoned, () -> numeric.noise(f, v)));
        }
        return noises;
    }

    /** The numeric gradient of f with respect to one variable ({@link NumericDerivative#value()} per entry), row-major. */
    public double[] numericGradient(Differentiable f, Variable v) {
        return Arrays.stream(numericDerivatives(f, v, IntStream.range(0, v.value().size()).toArray()))
                .mapToDouble(NumericDerivative::value).toArray();
    }

    /**
     * The numeric derivatives (with error estimates and kink verdicts) of the given flat entries of v, with
     * the noise of f measured on this tensor first (see {@link #noise}).
     */
    public NumericDerivative[] numericDerivatives(Differentiable f, Variable v, int[] entries) {
        return numeric.derivatives(f, v, entries, noise(f, v));
    }

    /**
     * The measured noise of one evaluation of f near the point, probed along the first, middle and last
     * entries of v (fourth differences at h/8, see {@link Stencil#noise}); 0 for an empty tensor.
     */
    public double noise(Differentiable f, Variable v) {
        return numeric.noise(f, v);
    }

    /**
     * |a - n| / allowed at the worst entry of {@code r} under this checker's rule: the measure by which the
     * worst entry was chosen (the largest; infinite when |a - n| is NaN).
     */
    public double worstRatio(TensorReport r) {
        double a = r.worstAnalytic();
        double n = r.worstNumeric();
        return Comparison.ratio(Math.abs(a - n), options.tolerance().allowed(a, n, r.worstEstimate()));
    }
}
