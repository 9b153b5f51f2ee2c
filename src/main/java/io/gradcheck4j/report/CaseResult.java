package io.gradcheck4j.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of one case of a run: a fixture (engine vs expected, and analytic vs finite differences) or a
 * layer sample of the layer contract (analytic vs finite differences, and the contract's other checks).
 *
 * @param kind         {@code network}, {@code circuit} or {@code layer}
 * @param name         the fixture name, or {@code <layer type> #<k>} for a layer sample
 * @param detail       the fixture file, or what the layer sample exercises
 * @param expectations engine vs expected, one per quantity (empty for layer samples)
 * @param check        analytic vs finite differences, or null when the check could not be run
 * @param error        why the check could not be run (a layer threw, ...), or null
 * @param violations   the failed checks beside the finite differences, one line each (e.g. {@code zero upstream
 *                     gives zero gradients: ...}); empty for fixtures
 */
public record CaseResult(String kind, String name, String detail, List<ValueComparison> expectations,
                         CheckReport check, String error, List<String> violations) {

    /** Copies the lists. */
    public CaseResult {
        expectations = List.copyOf(expectations);
        violations = List.copyOf(violations);
    }

    /** A case without violations (a fixture). */
    public CaseResult(String kind, String name, String detail, List<ValueComparison> expectations, CheckReport check, String error) {
        this(kind, name, detail, expectations, check, error, List.of());
    }

    /**
     * Whether every expected value matched, the finite-difference check passed, nothing failed to run and no
     * other check was violated.
     */
    public boolean passed() {
        return error == null && check != null && check.passed() && violations.isEmpty()
                && expectations.stream().allMatch(ValueComparison::passed);
    }

    /** Elements compared: engine vs expected plus analytic vs numeric. */
    public int checks() {
        return expectations.stream().mapToInt(ValueComparison::compared).sum() + (check == null ? 0 : check.checked());
    }

    /** Entries whose stencil straddled a kink (neither passed nor failed). */
    public int nonDifferentiable() {
        return check == null ? 0 : check.nonDifferentiable();
    }

    /** Entries the finite difference could not resolve (not verified). */
    public int inconclusive() {
        return check == null ? 0 : check.inconclusive();
    }

    /** Whether the case did not pass only because some entries could not be verified (nothing failed). */
    public boolean onlyInconclusive() {
        return !passed() && error == null && check != null && check.failedNothing() && violations.isEmpty()
                && expectations.stream().allMatch(ValueComparison::passed);
    }

    /** One line per warning of the check (e.g. FLOAT_PRECISION) and per entry that could not be verified, each starting with the case name. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        if (check != null) {
            check.findings().stream().filter(f -> !f.isError()).forEach(f -> lines.add(name + ": " + f));
            check.unresolved().forEach(m -> lines.add(name + ": " + m.message()));
            int more = check.inconclusive() - check.unresolved().size();
            if (more > 0) {
                lines.add(name + ": " + more + " more entries could not be verified");
            }
        }
        return lines;
    }

    /** Max |engine - expected| over all quantities (0 when there are none). */
    public double maxExpectedError() {
        return expectations.stream().mapToDouble(ValueComparison::maxAbsError).reduce(0, CaseResult::maxWithNaN);
    }

    /** Max |analytic - numeric| over all tensors (NaN when the check did not run). */
    public double maxCheckError() {
        return check == null ? Double.NaN : check.tensors().stream().mapToDouble(TensorReport::maxAbsError).reduce(0, CaseResult::maxWithNaN);
    }

    /**
     * One line per problem, each starting with the case name: a run error, the violated checks, the expected
     * values that differ (entry, expected, actual), the gradient mismatches (tensor, index, analytic,
     * numeric) and the diagnostics' faults (kind, layer or tensor, message).
     */
    public List<String> problems() {
        List<String> lines = new ArrayList<>();
        if (error != null) {
            lines.add(name + ": could not be checked: " + error);
        }
        violations.forEach(v -> lines.add(name + ": " + v));
        for (ValueComparison v : expectations) {
            for (ValueMismatch m : v.mismatches()) {
                lines.add(name + ": " + m.message());
            }
            if (v.failures() > v.mismatches().size()) {
                lines.add(name + ": " + v.quantity() + ": " + (v.failures() - v.mismatches().size()) + " more entries differ");
            }
        }
        if (check != null) {
            for (TensorReport t : check.tensors()) {
                for (Mismatch m : t.mismatches()) {
                    lines.add(name + ": " + m.message());
                }
                if (t.failures() > t.mismatches().size()) {
                    lines.add(name + ": " + t.location() + ": " + (t.failures() - t.mismatches().size()) + " more gradient mismatches");
                }
            }
            for (Finding f : check.findings()) {
                if (f.isError()) {
                    lines.add(name + ": " + f);
                }
            }
        }
        return lines;
    }

    private static double maxWithNaN(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }
}
