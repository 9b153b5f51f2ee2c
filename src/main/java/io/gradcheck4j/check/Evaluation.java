package io.gradcheck4j.check;

import java.util.List;

/**
 * One evaluation of a checked function: its value and, when known, the branch pattern of every piecewise
 * stage it went through (so a checker can tell that two stencil points lie on different pieces).
 *
 * @param value    f at the evaluated point
 * @param branches the patterns of the stages, in evaluation order; null when the function is a black box
 */
public record Evaluation(double value, List<BranchPattern> branches) {

    /** Copies the list when present. */
    public Evaluation {
        branches = branches == null ? null : List.copyOf(branches);
    }

    /** A black-box evaluation: a value without branch information. */
    public static Evaluation of(double value) {
        return new Evaluation(value, null);
    }

    /**
     * The first stage whose pattern differs between this evaluation and {@code other}, or null when they
     * agree or either is a black box.
     */
    public String firstBranchChange(Evaluation other) {
        if (branches == null || other.branches == null) {
            return null;
        }
        int n = Math.min(branches.size(), other.branches.size());
        for (int i = 0; i < n; i++) {
            if (!branches.get(i).sameBranches(other.branches.get(i))) {
                return branches.get(i).stage();
            }
        }
        return branches.size() == other.branches.size() ? null : "the sequence of stages";
    }
}
