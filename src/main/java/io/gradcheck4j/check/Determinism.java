package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.report.TensorReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * Whether f gave the same value twice at the same point. A finite difference (f(v + h) - f(v - h)) / 2h
 * assumes that f is a function: if f drifts between evaluations (a layer that keeps state across calls, a
 * random forward, a cache another evaluation overwrote), the difference measures the drift divided by 2h,
 * not the derivative, and blaming the gradient for it would be a false alarm. The checker evaluates f at the
 * unperturbed point once the diagnostics have run and again after all perturbations; when the two values differ
 * by more than the options' {@link CheckOptions#nondeterminismTolerance()} times max(1, |f|) (0: bitwise), the
 * report carries a {@code NONDETERMINISTIC_FORWARD} finding naming f, and no entry is compared.
 */
final class Determinism {

    private Determinism() {
    }

    /**
     * f at the unperturbed point, through its first variable; null when f has no variable or fails there (the
     * check itself then reports that failure, as it would without this comparison).
     */
    static Evaluation center(Differentiable f, List<Variable> variables) {
        if (variables.isEmpty()) {
            return null;
        }
        Variable v = variables.get(0);
        try {
            return f.probe(v.name(), Tensor.wrap(v.value().toArray(), v.value().shape())).evaluate();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The finding when {@code before} and {@code after}, two values of f at the same point, differ. */
    static Optional<Finding> compare(Differentiable f, Evaluation before, Evaluation after, double tol) {
        if (before == null || after == null) {
            return Optional.empty();
        }
        double a = before.value();
        double b = after.value();
        boolean same = tol == 0 ? Double.doubleToLongBits(a) == Double.doubleToLongBits(b)
                : Math.abs(a - b) <= tol * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
        if (same) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Finding.Kind.NONDETERMINISTIC_FORWARD, f.describe(),
                FindingMessages.nondeterministicForward(a, "before the perturbations", b, "after")));
    }

    /**
     * The reports once f is evaluated at the point again after the perturbations: a NONDETERMINISTIC_FORWARD
     * finding goes to {@code findings} when that value differs from {@code before} (unless a diagnostic already
     * found f nondeterministic), and when f is nondeterministic every report is {@link #notCompared}.
     */
    static List<TensorReport> judged(Differentiable f, Evaluation before, List<Variable> variables, List<TensorReport> reports,
                                     List<Finding> findings, double tol) {
        if (findings.stream().noneMatch(x -> x.kind() == Finding.Kind.NONDETERMINISTIC_FORWARD)) {
            compare(f, before, center(f, variables), tol).ifPresent(findings::add);
        }
        if (findings.stream().anyMatch(x -> x.kind() == Finding.Kind.NONDETERMINISTIC_FORWARD)) {
            return reports.stream().map(Determinism::notCompared).toList();
        }
        return reports;
    }

    /** {@code r} with nothing compared: no verdicts, since the numeric side measured f's drift, not its slope. */
    static TensorReport notCompared(TensorReport r) {
        return new TensorReport(r.variable(), r.location(), r.shape(), 0, 0, Double.NaN, Double.NaN, new int[0],
                Double.NaN, Double.NaN, List.of(), Double.NaN, 0, List.of(),
                "not compared: f is not deterministic");
    }
}
