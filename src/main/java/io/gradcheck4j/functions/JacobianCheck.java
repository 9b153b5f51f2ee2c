package io.gradcheck4j.functions;

import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Mode;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.CheckedMode;
import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.TensorReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Checks the whole Jacobian J of a {@link VectorFunction} f: R<sup>n</sup> &rarr; R<sup>m</sup> with the
 * {@link GradientChecker}, one scalar function at a time.
 * <ul>
 *   <li>FULL (and SAMPLED): output i is the scalar y<sub>i</sub> = e<sub>i</sub> &middot; f, whose gradient is row i of
 *       J; each of the m rows is checked against central differences of y<sub>i</sub> (with the checker's error
 *       estimates, entry by entry of every input), so every output is compared with respect to every input entry.
 *       Each row and input gives one {@link TensorReport}, located {@code output i with respect to input x}.</li>
 *   <li>FAST: both sides are projected, like PyTorch's fast mode: g = v &middot; f for a random unit v from a
 *       private generator seeded by the options, with gradient J<sup>T</sup> v, is checked along the checker's random
 *       unit directions u, so each probe compares v<sup>T</sup> J u with the central difference of g along u. When a
 *       probe fails, the whole Jacobian is re-checked in FULL mode to name the wrong outputs and entries.</li>
 * </ul>
 * Unless f is declared thread-safe, the checker runs on one thread (parallelism 1), so user code is never
 * called concurrently.
 */
public final class JacobianCheck {
    private static final long PROJECTION_STREAM = 0x5851f42d4c957f2dL;

    private JacobianCheck() {
    }

    /**
     * The check of f's Jacobian in the options' mode. Problems of the derivative's form ({@link VectorFunction#problems})
     * are findings of the report; a missing or misshapen gradient leaves nothing to compare.
     */
    public static CheckReport check(VectorFunction f, CheckOptions options) {
        List<Finding> problems = f.problems();
        if (problems.stream().anyMatch(p -> p.kind() != Finding.Kind.UNEXPECTED_GRADIENT)) {
            return new CheckReport(f.describe(), options.tolerance().describe(), options.relativeStep(), List.of(),
                    CheckedMode.of(options.mode().checked(options.seed()).kind()), problems, options.acceptInconclusive());
        }
        CheckReport report = compare(f, options);
        if (problems.isEmpty()) {
            return report;
        }
        List<Finding> findings = new ArrayList<>(problems);
        findings.addAll(report.findings());
        return new CheckReport(report.subject(), report.rule(), report.step(), report.tensors(), report.mode(), findings, report.acceptInconclusive());
    }

    private static CheckReport compare(VectorFunction f, CheckOptions options) {
        GradientChecker checker = new GradientChecker(f.threadSafe() ? options : options.withParallelism(1));
        if (!(options.mode() instanceof Mode.Fast)) {
            return rows(f, checker);
        }
        double[] v = unitVector(f.outputs(), new SplittableRandom(options.seed() ^ PROJECTION_STREAM));
        CheckReport projected = checker.check(new OutputProjection(f, -1, v, "projection v.y (v a random unit vector)", f.vjp(v),
                new SharedEvaluations(f)));
        CheckedMode mode = projected.mode().followedBy(", outputs projected on a random unit v");
        if (projected.passed()) {
            return new CheckReport(f.describe(), projected.rule(), projected.step(), projected.tensors(), mode, projected.findings(),
                    projected.acceptInconclusive());
        }
        CheckReport full = rows(f, new GradientChecker(checker.options().full()));
        Set<Finding> findings = new LinkedHashSet<>(projected.findings());
        findings.addAll(full.findings());
        return new CheckReport(f.describe(), full.rule(), full.step(), full.tensors(), mode.followedBy("; the projection failed, full re-check"),
                new ArrayList<>(findings), full.acceptInconclusive());
    }

    /** Every output row checked on its own; findings repeated by several rows are kept once. */
    private static CheckReport rows(VectorFunction f, GradientChecker checker) {
        double[][][] jacobian = f.jacobian();
        List<TensorReport> tensors = new ArrayList<>();
        Set<Finding> findings = new LinkedHashSet<>();
        CheckedMode mode = CheckedMode.of(CheckedMode.Kind.FULL);
        SharedEvaluations evaluations = new SharedEvaluations(f);
        for (int i = 0; i < f.outputs(); i++) {
            double[] e = new double[f.outputs()];
            e[i] = 1;
            CheckReport row = checker.check(new OutputProjection(f, i, e, f.outputName(i), jacobian[i], evaluations));
            tensors.addAll(row.tensors());
            findings.addAll(row.findings());
            mode = row.mode();
        }
        CheckOptions options = checker.options();
        return new CheckReport(f.describe(), options.tolerance().describe(), options.relativeStep(), tensors, mode,
                new ArrayList<>(findings), options.acceptInconclusive());
    }

    /** A uniformly random unit vector of length m (normalised Gaussian draws). */
    private static double[] unitVector(int m, SplittableRandom random) {
        double[] v = new double[m];
        double norm = 0;
        while (norm == 0) {
            norm = 0;
            for (int i = 0; i < m; i++) {
                v[i] = gaussian(random);
                norm += v[i] * v[i];
            }
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < m; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
    }
}
