package io.gradcheck4j.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of one case of a run: a fixture (engine vs expected, and analytic vs finite differences) or a
 * layer sample of the layer contract (analytic vs finite differences, and the contract's other checks).
 *
 * @param kind         a network or circuit fixture, or a layer sample
 * @param name         the fixture name, or {@code <layer type> #<k>} for a layer sample
 * @param detail       the fixture file, or what the layer sample exercises
 * @param expectations engine vs expected, one per quantity (empty for layer samples)
 * @param check        analytic vs finite differences, or null when the check could not be run
 * @param error        why the check could not be run (a layer threw, ...), or null
 * @param violations   the failed checks beside the finite differences, one line each (e.g. {@code zero upstream
 *                     gives zero gradients: ...}); empty for fixtures
 * @param seconds      wall time of the case's checks in seconds, loading excluded (NaN when not measured)
 */
public record CaseResult(Kind kind, String name, String detail, List<ValueComparison> expectations,
                         CheckReport check, String error, List<String> violations, double seconds) {

    /** What a case checks; its {@link #text()} names it in every report. */
    public enum Kind {
        /** A network fixture: layers, a loss and expected values. */
        NETWORK("network"),
        /** A circuit fixture: a graph of scalar operations. */
        CIRCUIT("circuit"),
        /** A layer sample of the layer contract. */
        LAYER("layer");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** {@code network}, {@code circuit} or {@code layer}, as fixtures and reports spell it. */
        public String text() {
            return text;
        }

        /** The kind spelled {@code text}. */
        public static Kind of(String text) {
            for (Kind k : values()) {
                if (k.text.equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown case kind \"" + text + "\" (expected network, circuit or layer)");
        }
    }

    /** Copies the lists. */
    public CaseResult {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        expectations = List.copyOf(expectations);
        violations = List.copyOf(violations);
    }

    /** A case whose time was not measured. */
    public CaseResult(Kind kind, String name, String detail, List<ValueComparison> expectations,
                      CheckReport check, String error, List<String> violations) {
        this(kind, name, detail, expectations, check, error, violations, Double.NaN);
    }

    /** This case with its checks' wall time, {@code seconds}. */
    public CaseResult withSeconds(double time) {
        return new CaseResult(kind, name, detail, expectations, check, error, violations, time);
    }

    /** Equal results of the same checks: every component but the wall time, which differs from run to run. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CaseResult c && kind.equals(c.kind) && name.equals(c.name) && java.util.Objects.equals(detail, c.detail)
                && expectations.equals(c.expectations) && java.util.Objects.equals(check, c.check)
                && java.util.Objects.equals(error, c.error) && violations.equals(c.violations);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, name, detail, expectations, check, error, violations);
    }

    /** A case without violations (a fixture). */
    public CaseResult(Kind kind, String name, String detail, List<ValueComparison> expectations, CheckReport check, String error) {
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
        return !passed() && error == null && check != null && check.onlyInconclusive() && violations.isEmpty()
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
                lines.add(name + ": " + FailureMessages.moreInconclusive(more));
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
     * One line per problem, each starting with the case name: a run error or what was empty, the violated checks, the expected
     * values that differ (entry, expected, actual), the gradient mismatches (tensor, index, analytic,
     * numeric) and the diagnostics' faults (kind, layer or tensor, message).
     */
    public List<String> problems() {
        List<String> lines = new ArrayList<>();
        if (error != null) {
            lines.add(name + ": " + FailureMessages.couldNotBeChecked(error));
        } else if (check == null && expectations.isEmpty()) {
            lines.add(name + ": nothing was checked: no expected value and no gradient check");
        }
        violations.forEach(v -> lines.add(name + ": " + v));
        for (ValueComparison v : expectations) {
            for (ValueMismatch m : v.mismatches()) {
                lines.add(name + ": " + m.message());
            }
            if (v.failures() > v.mismatches().size()) {
                lines.add(name + ": " + FailureMessages.moreValueMismatches(v));
            }
        }
        if (check != null) {
            if (check.nothingChecked() != null) {
                lines.add(name + ": " + check.nothingChecked());
            }
            for (TensorReport t : check.tensors()) {
                for (Mismatch m : t.mismatches()) {
                    lines.add(name + ": " + m.message());
                }
                if (t.failures() > t.mismatches().size()) {
                    lines.add(name + ": " + FailureMessages.moreMismatches(t));
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
