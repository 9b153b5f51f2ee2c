package io.gradcheck4j.check;

/**
 * PyTorch gradcheck's acceptance rule: |a - n| &le; atol + rtol &middot; |n| (the error estimate is ignored).
 *
 * @param atol absolute floor, &ge; 0
 * @param rtol relative part, &ge; 0
 */
public record AbsRelTolerance(double atol, double rtol) implements Tolerance {

    /** Validates that both parts are finite and non-negative. */
    public AbsRelTolerance {
        if (!(atol >= 0) || !(rtol >= 0) || Double.isInfinite(atol) || Double.isInfinite(rtol)) {
            throw new IllegalArgumentException("atol and rtol must be finite and >= 0, got " + atol + ", " + rtol);
        }
    }

    @Override
    public double allowed(double analytic, double numeric, double errorEstimate) {
        return atol + rtol * Math.abs(numeric);
    }

    @Override
    public String describe() {
        return "|a - n| <= " + atol + " + " + rtol + " * |n|";
    }
}
