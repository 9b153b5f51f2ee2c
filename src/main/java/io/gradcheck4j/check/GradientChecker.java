package io.gradcheck4j.check;

import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.report.Verdict;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Finite-difference gradient check. For every compared coordinate v<sub>i</sub> the numeric derivative is
 * the Richardson extrapolation (or, where round-off dominates, the plain value) of the central differences at h = step &middot; max(|v<sub>i</sub>|, 1) and
 * h/2, with an error estimate ({@link NumericDerivative}); the {@link Tolerance} judges it against the
 * analytic a<sub>i</sub> from one backward pass. Each entry gets a {@link Verdict}: PASS, FAIL, or
 * NON_DIFFERENTIABLE when its stencil straddles a kink (see {@link Stencil}). {@link Mode} chooses the
 * entries: all (FULL), a seeded sample (SAMPLED), or random projections (FAST). {@link Diagnostics} run
 * alongside and their {@link Finding}s are part of the report; when f is not deterministic (a diagnostic, or
 * {@link Determinism}: two values at the unperturbed point differ), no entry is compared.
 *
 * <p>Perturbations happen on private scratch copies, one per worker chunk, so the caller's tensors are
 * never modified, not even when a layer throws. When f is {@link Differentiable#threadSafe()} (and only then),
 * chunks run in parallel on a shared worker pool ({@link WorkerPools}); in FAST mode, from
 * {@value #MIN_CONCURRENT_ENTRIES} entries in all, each tensor's noise estimate and each probe is a task of its own, running while the diagnostics compute the analytic
 * gradient ({@link FastProbes}). Every entry is computed the same way whatever the thread count, and random
 * choices come from a private generator seeded by the options (never the caller's), so the report is
 * deterministic.
 */
public final class GradientChecker {
    private static final int MIN_CHUNK = 16;
    private static final long MIN_CONCURRENT_ENTRIES = 4096;

    private final CheckOptions options;
    private final Shard shard;

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
     * Runs the diagnostics, then checks the variables of {@code f} in the options' mode.
     *
     * @throws CheckAborted when f or its gradient cannot be evaluated (a layer throws, a perturbed
     *                      evaluation fails); the message names the variable and entry. Gradients of the
     *                      wrong shape or missing are reported as findings instead.
     */
    public CheckReport check(Differentiable f) {
        List<Variable> variables = f.variables();
        long entries = variables.stream().mapToLong(v -> v.value().size()).sum();
        boolean concurrent = options.mode() == Mode.FAST && options.parallelism() > 1 && variables.size() > 1
                && entries >= MIN_CONCURRENT_ENTRIES && f.threadSafe();
        AtomicBoolean abandoned = new AtomicBoolean();
        try {
            return check(f, variables, concurrent ? WorkerPools.of(options.parallelism()) : null, abandoned);
        } finally {
            abandoned.set(true);
        }
    }

    /**
     * The check, with the tensors run on {@code pool} (null: one after the other). The FAST numeric side
     * (directions, noise, the derivatives along each direction) needs no analytic gradient, so on a pool it
     * runs while the diagnostics compute that gradient; {@code abandoned} stops it early once the check has
     * ended another way.
     */
    private CheckReport check(Differentiable f, List<Variable> variables, ForkJoinPool pool, AtomicBoolean abandoned) {
        Progress.evaluating("", "the forward and backward passes");
        Diagnostics.Snapshot snapshot = Diagnostics.snapshot(f);
        List<Supplier<FastProbes.Numerics>> numerics = options.mode() == Mode.FAST
                ? new FastProbes(this).start(f, variables, pool, abandoned) : List.of();
        Diagnostics.Outcome diagnosed = Diagnostics.runAndDifferentiate(f, options);
        Evaluation before = Determinism.center(f, variables);
        List<Finding> findings = new ArrayList<>(diagnosed.findings());
        Map<String, Tensor> analytic;
        try {
            analytic = diagnosed.gradient() != null ? diagnosed.gradient() : f.analyticGradient();
        } catch (RuntimeException e) {
            if (findings.stream().anyMatch(GradientChecker::blocksBackward)) {
                return report(f, List.of(), findings);
            }
            throw new CheckAborted("backward pass failed: " + e.getMessage(), e);
        }
        List<List<Finding>> found = new ArrayList<>();
        List<Supplier<TensorReport>> tasks = new ArrayList<>();
        long offset = 0;
        for (int k = 0; k < variables.size(); k++) {
            Variable v = variables.get(k);
            long first = offset;
            offset += v.value().size();
            List<Finding> own = new ArrayList<>();
            found.add(own);
            Tensor a = analytic.get(v.name());
            if (a == null) {
                own.add(new Finding(Finding.Kind.MISSING_GRADIENT, v.location(), "the backward pass returned no gradient for " + v.name()));
                continue;
            }
            if (!a.sameShape(v.value())) {
                own.add(new Finding(Finding.Kind.WRONG_GRADIENT_SHAPE, v.location(), "analytic gradient has shape "
                        + Arrays.toString(a.shape()) + " but the tensor has shape " + Arrays.toString(v.value().shape())));
                continue;
            }
            int nonFinite = a.firstNonFinite();
            if (nonFinite >= 0) {
                own.add(new Finding(Finding.Kind.NON_FINITE_ANALYTIC, v.location(), "the analytic gradient is "
                        + a.get(nonFinite) + " at index " + v.value().formatIndex(nonFinite)));
            }
            int variableIndex = k;
            Supplier<FastProbes.Numerics> probed = numerics.isEmpty() ? null : numerics.get(k);
            double roundoff = diagnosed.roundoff();
            tasks.add(() -> tensor(f, v, a, variableIndex, first, probed, roundoff, own));
        }
        List<TensorReport> reports = run(tasks, pool);
        found.forEach(findings::addAll);
        if (findings.stream().noneMatch(x -> x.kind() == Finding.Kind.NONDETERMINISTIC_FORWARD)) {
            Determinism.compare(f, before, Determinism.center(f, variables), options.nondeterminismTolerance()).ifPresent(findings::add);
        }
        if (findings.stream().anyMatch(x -> x.kind() == Finding.Kind.NONDETERMINISTIC_FORWARD)) {
            reports = reports.stream().map(Determinism::notCompared).toList();
        }
        if (findings.stream().noneMatch(x -> x.kind() == Finding.Kind.INPUT_MUTATION)) {
            findings.addAll(snapshot.changes());
        }
        return report(f, reports, findings);
    }

    /**
     * Checks one tensor in the options' mode, then its float precision; findings go to {@code findings}. The
     * noise of one f value is the larger of the noise measured along this tensor's entries and
     * {@code roundoff}, the rounding propagated from the activations (see {@link Diagnostics.Outcome#roundoff}).
     * A FULL check compares the entries of the shard, {@code offset} being the position of v's first entry.
     */
    private TensorReport tensor(Differentiable f, Variable v, Tensor a, int variableIndex, long offset, Supplier<FastProbes.Numerics> probed,
                                double roundoff, List<Finding> findings) {
        if (options.mode() == Mode.FAST) {
            FastProbes.Numerics numerics = probed.get();
            TensorReport report = fast(f, v, a, numerics, Math.max(numerics.noise(), roundoff), findings);
            findings.addAll(numerics.precision());
            return report;
        }
        CoordinateFunction coordinates = v.value().size() == 0 ? null : bindCoordinates(f, v);
        double noise = Math.max(coordinates == null ? 0 : noise(coordinates, v), roundoff);
        TensorReport report = options.mode() == Mode.FULL
                ? entries(f, v, a, shard.entries(offset, v.value().size()), "full", noise, findings)
                : sampled(f, v, a, variableIndex, noise, findings);
        if (coordinates != null) {
            findings.addAll(Diagnostics.precision(coordinates, v, a, options));
        }
        return report;
    }

    /**
     * The tensor checks, in order, on {@code pool} when there is one (FAST mode from
     * {@value #MIN_CONCURRENT_ENTRIES} entries in all; below that, handing work to other threads costs more
     * than it saves). Each tensor's work is independent and seeded by its own index, so the reports are the same
     * whatever the thread count; a full check parallelises within each tensor instead. The first failing
     * tensor in order decides what is thrown.
     */
    private static List<TensorReport> run(List<Supplier<TensorReport>> tasks, ForkJoinPool pool) {
        List<TensorReport> reports = new ArrayList<>();
        if (pool == null) {
            for (Supplier<TensorReport> task : tasks) {
                reports.add(task.get());
            }
            return reports;
        }
        List<Future<TensorReport>> futures = new ArrayList<>();
        for (Supplier<TensorReport> task : tasks) {
            futures.add(pool.submit(task::get));
        }
        for (Future<TensorReport> future : futures) {
            reports.add(await(future));
        }
        return reports;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CheckAborted("checking failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckAborted("interrupted while checking", e);
        }
    }

    private static boolean blocksBackward(Finding finding) {
        return finding.kind() == Finding.Kind.WRONG_GRADIENT_SHAPE || finding.kind() == Finding.Kind.MISSING_GRADIENT;
    }

    private CheckReport report(Differentiable f, List<TensorReport> reports, List<Finding> findings) {
        String mode = switch (options.mode()) {
            case FULL -> "FULL";
            case SAMPLED -> "SAMPLED (" + options.samplesPerTensor() + " per tensor, seed " + options.seed() + ")";
            case FAST -> "FAST (" + options.probes() + " probes per tensor, seed " + options.seed() + ")";
        };
        return new CheckReport(f.describe(), options.tolerance().describe(), options.relativeStep(), reports, mode, findings,
                options.acceptInconclusive());
    }

    /** The numeric gradient of f with respect to one variable ({@link NumericDerivative#value()} per entry), row-major. */
    public double[] numericGradient(Differentiable f, Variable v) {
        NumericDerivative[] d = numericDerivatives(f, v, IntStream.range(0, v.value().size()).toArray());
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i].value();
        }
        return out;
    }

    /**
     * The numeric derivatives (with error estimates and kink verdicts) of the given flat entries of v, with
     * the noise of f measured on this tensor first (see {@link #noise}).
     */
    public NumericDerivative[] numericDerivatives(Differentiable f, Variable v, int[] entries) {
        return numericDerivatives(f, v, entries, noise(f, v));
    }

    /**
     * The measured noise of one evaluation of f near the point, probed along the first, middle and last
     * entries of v (fourth differences at h/8, see {@link Stencil#noise}); 0 for an empty tensor.
     */
    public double noise(Differentiable f, Variable v) {
        int n = v.value().size();
        if (n == 0) {
            return 0;
        }
        return noise(bindCoordinates(f, v), v);
    }

    /** {@link #noise(Differentiable, Variable)} through f bound along v's entries. */
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

    private double step(double value) {
        return options.relativeStep() * Math.max(Math.abs(value), 1.0);
    }

    private NumericDerivative[] numericDerivatives(Differentiable f, Variable v, int[] entries, double noise) {
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
        }
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

    /** f along entry i through {@code coordinates} (the fast path of {@link Differentiable#bindCoordinates}). */
    private static Stencil.Line coordinateLine(CoordinateFunction coordinates, int i, Variable v) {
        double original = v.value().get(i);
        String where = "index " + v.value().formatIndex(i);
        return new Stencil.Line() {
            @Override
            public Evaluation at(double t) {
                return evaluate(() -> coordinates.evaluateAt(i, original + t), v, where);
            }

            @Override
            public double realised(double t) {
                return (original + t) - original;
            }
        };
    }

    static Evaluation evaluate(Probe probe, Variable v, String where) {
        Progress.evaluating(v.location(), where);
        try {
            return probe.evaluate();
        } catch (RuntimeException e) {
            throw new CheckAborted(v.location() + " at " + where + ": evaluating the perturbed function failed: " + e.getMessage(), e);
        }
    }

    private TensorReport sampled(Differentiable f, Variable v, Tensor a, int variableIndex, double noise, List<Finding> findings) {
        int n = v.value().size();
        TreeSet<Integer> chosen = new TreeSet<>();
        if (n > 0) {
            int max = 0;
            int min = 0;
            for (int i = 1; i < n; i++) {
                max = a.get(i) > a.get(max) ? i : max;
                min = a.get(i) < a.get(min) ? i : min;
            }
            chosen.addAll(List.of(0, n - 1, max, min));
        }
        SplittableRandom random = generator(variableIndex);
        int target = Math.min(n, Math.max(options.samplesPerTensor(), 0));
        while (chosen.size() < target) {
            chosen.add(random.nextInt(n));
        }
        int[] entries = chosen.stream().mapToInt(Integer::intValue).toArray();
        return entries(f, v, a, entries, entries.length == n ? "full" : "sampled " + entries.length + " of " + n, noise, findings);
    }

    /** The private generator of variable {@code variableIndex}, seeded by the options. */
    SplittableRandom generator(int variableIndex) {
        return new SplittableRandom(options.seed() + 0x632be59bd9b4e019L * (variableIndex + 1));
    }

    private TensorReport entries(Differentiable f, Variable v, Tensor a, int[] entries, String method, double noise, List<Finding> findings) {
        NumericDerivative[] numeric = numericDerivatives(f, v, entries, noise);
        stepSanity(v, a, entries, numeric, findings);
        Comparison c = new Comparison(v, options, findings);
        c.adaptive = adapt(f, v, a, entries, numeric, noise);
        Map<Integer, String> joint = Subgradients.tied(f, v, a, entries, numeric, noise, options);
        for (int p = 0; p < entries.length; p++) {
            c.add(v.value().unravel(entries[p]), a.get(entries[p]), numeric[p], joint.get(p));
        }
        return c.report(v, method);
    }

    /**
     * The STEP_UNSUITABLE warning when, at a step other than the default, every differentiable entry's estimate
     * exceeds the values compared (e &gt; max(|a|, |n|)): the step is far too small (round-off) or too large
     * (truncation). At the default step the same only means the gradients are tiny (e.g. zero), not a bad choice.
     */
    private void stepSanity(Variable v, Tensor a, int[] entries, NumericDerivative[] numeric, List<Finding> findings) {
        if (options.relativeStep() == CheckOptions.DEFAULT_STEP) {
            return;
        }
        int judged = 0;
        for (int p = 0; p < entries.length; p++) {
            NumericDerivative d = numeric[p];
            if (d.differentiable()) {
                double scale = Math.max(Math.abs(a.get(entries[p])), Math.abs(d.value()));
                if (!(d.errorEstimate() > scale) || scale == 0) {
                    return;
                }
                judged++;
            }
        }
        if (judged > 0) {
            findings.add(new Finding(Finding.Kind.STEP_UNSUITABLE, v.location(), String.format(
                    "at step %.3g every numeric estimate exceeds the values compared; choose a step near the default %.3g",
                    options.relativeStep(), CheckOptions.DEFAULT_STEP)));
        }
    }

    /**
     * The adaptive step search ({@link Stencil#adaptive}) for every differentiable entry whose estimate at the
     * default step is not small against the values compared ({@link Resolution#worthSearching}); the search's
     * derivative replaces the default one when its estimate is smaller. Returns how many entries were searched.
     */
    private int adapt(Differentiable f, Variable v, Tensor a, int[] entries, NumericDerivative[] numeric, double noise) {
        CoordinateFunction coordinates = null;
        Evaluation center = null;
        int searched = 0;
        for (int p = 0; p < entries.length; p++) {
            NumericDerivative d = numeric[p];
            if (!d.differentiable() || !Resolution.worthSearching(a.get(entries[p]), d.value(), d.errorEstimate())) {
                continue;
            }
            if (coordinates == null) {
                coordinates = bindCoordinates(f, v);
                CoordinateFunction bound = coordinates;
                center = evaluate(() -> bound.evaluateAt(entries[0], v.value().get(entries[0])), v, "the unperturbed point");
            }
            searched++;
            int i = entries[p];
            NumericDerivative found = Stencil.adaptive(coordinateLine(coordinates, i, v), v.value().get(i), center, step(v.value().get(i)), noise);
            if (found != null && found.errorEstimate() < d.errorEstimate()) {
                numeric[p] = found;
            }
        }
        return searched;
    }

    /**
     * Projection check of one tensor: compares &lt;a, u&gt; with the derivative of f along u for each probe
     * of {@code numerics}, in order. When a probe fails, or straddles a kink (every direction through a point
     * exactly on a kink does, so a probe would leave the whole tensor unchecked), the tensor is re-checked
     * entry by entry: the wrong entries are named, the kinked ones reported NON_DIFFERENTIABLE and the others
     * still compared.
     */
    private TensorReport fast(Differentiable f, Variable v, Tensor a, FastProbes.Numerics numerics, double noise, List<Finding> findings) {
        int n = v.value().size();
        Comparison c = new Comparison(v, options, findings);
        for (int k = 0; k < numerics.stencils().size(); k++) {
            double[] u = numerics.directions().get(k);
            double directional = 0;
            for (int i = 0; i < n; i++) {
                directional += a.get(i) * u[i];
            }
            NumericDerivative d = numerics.stencils().get(k).derivative(noise);
            if (d.differentiable() && Resolution.worthSearching(directional, d.value(), d.errorEstimate())) {
                c.adaptive++;
                double scale = v.value().maxAbs();
                NumericDerivative found = Stencil.adaptive(numerics.lines().get(k), scale, numerics.center().get(), step(scale), noise);
                d = found != null && found.errorEstimate() < d.errorEstimate() ? found : d;
            }
            c.add(new int[0], directional, d);
            if (c.failures > 0 || c.nonDifferentiable > 0) {
                String why = c.failures > 0 ? "failed" : "straddles a kink";
                return withMethod(located(f, v, a, noise), "fast: probe " + (k + 1) + " of " + options.probes() + " " + why + ", full re-check");
            }
        }
        return c.report(v, "fast: " + options.probes() + " probes");
    }

    /** Every entry of v compared on its own: names the wrong entries, and the kinked ones, of a tensor whose probe did not pass. */
    private TensorReport located(Differentiable f, Variable v, Tensor a, double noise) {
        return entries(f, v, a, IntStream.range(0, v.value().size()).toArray(), "", noise, new ArrayList<>());
    }

    private static TensorReport withMethod(TensorReport r, String method) {
        return new TensorReport(r.variable(), r.location(), r.shape(), r.checked(), r.failures(), r.maxAbsError(),
                r.maxRelError(), r.worstIndex(), r.worstAnalytic(), r.worstNumeric(), r.mismatches(), r.worstEstimate(),
                r.nonDifferentiable(), r.kinks(), method, r.inconclusive(), r.unresolved(), r.adaptive(), r.worstStep());
    }

    /**
     * |a - n| / allowed at the worst entry of {@code r} under this checker's rule: the measure by which the
     * worst entry was chosen (the largest; infinite when |a - n| is NaN).
     */
    public double worstRatio(TensorReport r) {
        double a = r.worstAnalytic();
        double n = r.worstNumeric();
        return ratio(Math.abs(a - n), options.tolerance().allowed(a, n, r.worstEstimate()));
    }

    private static double ratio(double abs, double allowed) {
        return Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs / Math.max(allowed, Double.MIN_NORMAL);
    }

    /** Accumulates the verdicts of one tensor's compared entries (or probes), in order. */
    private static final class Comparison {
        private final Variable variable;
        private final List<Finding> findings;
        private final Tolerance rule;
        private final int listed;
        private final List<Mismatch> mismatches = new ArrayList<>();
        private final List<Mismatch> kinks = new ArrayList<>();
        private final List<Mismatch> unresolved = new ArrayList<>();
        private int checked;
        private int failures;
        private int nonDifferentiable;
        private int inconclusive;
        private int adaptive;
        private double worstStep = Double.NaN;
        private double maxAbs;
        private double maxRel;
        private double worstRatio = -1;
        private int[] worstIndex = new int[0];
        private double worstAnalytic;
        private double worstNumeric;
        private double worstEstimate = Double.NaN;

        private boolean nonFiniteReported;

        Comparison(Variable variable, CheckOptions options, List<Finding> findings) {
            this.variable = variable;
            this.findings = findings;
            this.rule = options.tolerance();
            this.listed = options.mismatchesPerTensor();
        }

        void add(int[] index, double a, NumericDerivative d) {
            add(index, a, d, null);
        }

        /**
         * Adds one entry: FAIL when the rule rejects it (or, at a kink, when a is outside the one-sided
         * derivatives, or {@code jointFailure} says the tied entries' joint direction rejects it), else
         * NON_DIFFERENTIABLE at a kink, INCONCLUSIVE when the estimate cannot resolve it, else PASS.
         */
        void add(int[] index, double a, NumericDerivative d, String jointFailure) {
            checked++;
            double n = d.value();
            if (!Double.isFinite(n) && !nonFiniteReported) {
                nonFiniteReported = true;
                findings.add(new Finding(Finding.Kind.NON_FINITE_NUMERIC, variable.location(), "the finite difference is "
                        + n + " at " + (index.length == 0 ? "a projection probe" : "index " + Arrays.toString(index))
                        + ": f is NaN or infinite near the point"));
            }
            double estimate = d.errorEstimate();
            double abs = Math.abs(a - n);
            double rel = Errors.relativeError(a, n);
            double allowed = rule.allowed(a, n, estimate);
            if (!d.differentiable()) {
                String invalid = jointFailure != null ? jointFailure : Subgradients.outside(rule, a, d);
                if (invalid != null) {
                    failures++;
                    if (mismatches.size() < listed) {
                        mismatches.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                                Verdict.FAIL, invalid, d.step()));
                    }
                    return;
                }
                nonDifferentiable++;
                if (kinks.size() < listed) {
                    kinks.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                            Verdict.NON_DIFFERENTIABLE, d.kink(), d.step()));
                }
                return;
            }
            double ratio = ratio(abs, allowed);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worstIndex = index;
                worstAnalytic = a;
                worstNumeric = n;
                worstEstimate = estimate;
                worstStep = d.step();
            }
            maxAbs = Double.isNaN(abs) || Double.isNaN(maxAbs) ? Double.NaN : Math.max(maxAbs, abs);
            maxRel = Double.isNaN(rel) || Double.isNaN(maxRel) ? Double.NaN : Math.max(maxRel, rel);
            if (!rule.accepts(a, n, estimate)) {
                failures++;
                if (mismatches.size() < listed) {
                    mismatches.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                            Verdict.FAIL, "", d.step()));
                }
            } else if (Resolution.unresolved(a, n, estimate)) {
                inconclusive++;
                if (unresolved.size() < listed) {
                    unresolved.add(new Mismatch(variable.name(), variable.location(), index, a, n, abs, rel, allowed, estimate,
                            Verdict.INCONCLUSIVE, "", d.step()));
                }
            }
        }

        TensorReport report(Variable v, String method) {
            return new TensorReport(v.name(), v.location(), v.value().shape(), checked, failures, maxAbs, maxRel,
                    worstIndex, worstAnalytic, worstNumeric, mismatches, worstEstimate, nonDifferentiable, kinks, method,
                    inconclusive, unresolved, adaptive, worstStep);
        }
    }
}
