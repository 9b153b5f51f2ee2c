package io.gradcheck4j.check;

import java.util.Arrays;

/**
 * The branch every element of one piecewise stage takes (see {@link io.gradcheck4j.engine.Layer#branchPattern}).
 *
 * @param stage   the stage, e.g. {@code layer 1 (relu)} or {@code loss (hinge)}
 * @param pattern one branch number per element
 */
public record BranchPattern(String stage, int[] pattern) {

    /** Defensive copy. */
    public BranchPattern {
        pattern = pattern.clone();
    }

    @Override
    public int[] pattern() {
        return pattern.clone();
    }

    /** Whether both patterns are of the same stage and every element takes the same branch. */
    public boolean sameBranches(BranchPattern other) {
        return stage.equals(other.stage) && Arrays.equals(pattern, other.pattern);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchPattern b && sameBranches(b);
    }

    @Override
    public int hashCode() {
        return 31 * stage.hashCode() + Arrays.hashCode(pattern);
    }
}
