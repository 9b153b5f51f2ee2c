package io.gradcheck4j.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of checking one function: a {@link TensorReport} per variable and the rule that judged them.
 *
 * @param subject what was checked, e.g. {@code affine -> sigmoid | half_squared_error}
 * @param rule    the tolerance rule, e.g. {@code |a - n| <= 1e-05 + 0.001 * |n|}
 * @param step    the relative finite-difference step
 * @param tensors one report per variable
 */
public record CheckReport(String subject, String rule, double step, List<TensorReport> tensors) {

    /** Copies the list. */
    public CheckReport {
        tensors = List.copyOf(tensors);
    }

    /** Whether every entry of every tensor passed. */
    public boolean passed() {
        return tensors.stream().allMatch(TensorReport::passed);
    }

    /** Entries compared in total. */
    public int checked() {
        return tensors.stream().mapToInt(TensorReport::checked).sum();
    }

    /** Failing entries in total. */
    public int failures() {
        return tensors.stream().mapToInt(TensorReport::failures).sum();
    }

    /** Every listed mismatch, tensor by tensor. */
    public List<Mismatch> mismatches() {
        List<Mismatch> all = new ArrayList<>();
        tensors.forEach(t -> all.addAll(t.mismatches()));
        return all;
    }
}
