package io.gradcheck4j.check;

/**
 * DL4J GradientCheckUtil's acceptance rule: an entry fails iff relError &gt; maxRelError and
 * |a - n| &ge; minAbsError, with relError = |a - n| / (|a| + |n|) (0 when both are 0). The error estimate
 * is ignored.
 *
 * @param maxRelError largest accepted relative error, &ge; 0
 * @param minAbsError absolute differences below this always pass, &ge; 0
 */
public record Dl4jTolerance(double maxRelError, double minAbsError) implements Tolerance {

    /** Validates that both parts are finite and non-negative. */
    public Dl4jTolerance {
        if (!(maxRelError >= 0) || !(minAbsError >= 0) || Double.isInfinite(maxRelError) || Double.isInfinite(minAbsError)) {
            throw new IllegalArgumentException("maxRelError and minAbsError must be finite and >= 0, got "
                    + maxRelError + ", " + minAbsError);
        }
    }

    /** max(maxRelError &middot; (|a| + |n|), minAbsError): the bound of the rule's pass region (used for reports). */
    @Override
    public double allowed(double analytic, double numeric, double errorEstimate) {
        return Math.max(maxRelError * (Math.abs(analytic) + Math.abs(numeric)), minAbsError);
    }

    @Override
    public boolean accepts(double analytic, double numeric, double errorEstimate) {
        double diff = Math.abs(analytic - numeric);
        if (Double.isNaN(diff)) {
            return false;
        }
        double scale = Math.abs(analytic) + Math.abs(numeric);
        double rel = scale == 0 ? 0 : diff / scale;
        return !(rel > maxRelError && diff >= minAbsError);
    }

    @Override
    public String describe() {
        return "|a - n| / (|a| + |n|) <= " + maxRelError + " or |a - n| < " + minAbsError;
    }
}
