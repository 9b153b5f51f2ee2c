package io.gradcheck4j.check;

/**
 * When a finite difference resolves an entry, with a its analytic value, n the numeric one and e the numeric
 * error estimate (truncation + round-off, {@link NumericDerivative#errorEstimate()}):
 * <ul>
 *   <li><b>small</b> (no search needed): e &le; 1e-4 &middot; max(|a|, |n|) + 1e-9. Then the error-aware bound
 *       10 e + 1e-10 + 1e-7 max is at most about 1e-3 of the values compared (PyTorch's rtol), plus 1e-8: the
 *       default step already tells a wrong gradient from a right one. Otherwise the checker searches a ladder
 *       of steps for a smaller estimate ({@link AdaptiveStep#search}).</li>
 *   <li><b>unresolved</b> ({@code INCONCLUSIVE}): e &gt; 0.01 &middot; max(|a|, |n|) + 1e-6 even at the best
 *       step. Then the error-aware bound 10 e exceeds 10% of the values compared (and all of them once
 *       e &gt; 0.1 max), so it would accept a value 10% off or of the wrong sign: the entry was not verified.
 *       Except when a = n = 0 exactly: f took the same value at every stencil point and the backward agrees.</li>
 * </ul>
 * The search is rare on smooth networks of moderate values: 64 of 37,642 entries of the 35,594-parameter MLP
 * of {@code CheckBenchmarks} (at 1e-6 &middot; max + 1e-10 it ran on 7,206 of them and tripled the cost of a full
 * check, JMH 409 to 1,266 ms, with no verdict changed). The inconclusive verdict's absolute part is 1e-6 (a limit of this version: entries with gradients below it are not called inconclusive): structural zeros (a batch norm of two rows, a
 * network with zero weights) have |a| = 0 and |n| ~ 1e-11 with double round-off estimates of 1e-10 to 1e-8 (a large loss), which are
 * resolved to far below any gradient a network of moderate values could have.
 */
final class Resolution {
    /** Relative estimate above which the adaptive search runs. */
    static final double SEARCH_RELATIVE = 1e-4;
    /** Relative estimate above which an entry is inconclusive. */
    static final double UNRESOLVED_RELATIVE = 1e-2;
    /** Absolute part of the search threshold. */
    static final double FLOOR = 1e-9;
    /** Absolute part of the inconclusive threshold. */
    static final double UNRESOLVED_FLOOR = 1e-6;

    private Resolution() {
    }

    /** Whether e is not small against the values compared, so a better step is worth searching for. */
    static boolean worthSearching(double a, double n, double e) {
        return e > SEARCH_RELATIVE * Math.max(Math.abs(a), Math.abs(n)) + FLOOR;
    }

    /** Whether e is too large against the values compared for the entry to be verified. */
    static boolean unresolved(double a, double n, double e) {
        if (a == 0 && n == 0) {
            return false;
        }
        return !(e <= UNRESOLVED_RELATIVE * Math.max(Math.abs(a), Math.abs(n)) + UNRESOLVED_FLOOR);
    }
}
