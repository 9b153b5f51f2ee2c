package io.gradcheck4j.check;

/**
 * The finite-difference stencil {v - h, v - h/2, v + h/2, v + h} along one line through the point (a
 * coordinate axis or a projection direction), producing a {@link NumericDerivative} and detecting kinks.
 *
 * <p>Kinks: a kink is reported when the branch patterns of the four points differ (the function knows its
 * pieces) or, for every function, when the one-sided differences F(s) = (f(v + s) - f(v)) / s and
 * B(s) = (f(v) - f(v - s)) / s disagree by a jump J(s) = F(s) - B(s) that does not shrink with s: on a
 * smooth function J(s) &asymp; s f''(v) halves from s = h to s = h/2, across a kink it stays (|J(h/2)| &gt;
 * 0.75 |J(h)|); the jump must also be O(1) relative to the slopes (&gt; 1%) and above 10x its round-off.
 * A kinked stencil is retried once with h &middot; {@code retryFactor}; only when the smaller stencil still
 * straddles a kink is the entry non-differentiable (a point exactly on a kink always is).
 */
final class Stencil {
    private static final double JUMP_PERSISTENCE = 0.75;
    private static final double JUMP_RELATIVE = 1e-2;
    private static final double JUMP_ROUNDOFF_MULTIPLE = 10;

    private Stencil() {
    }

    /** f along a line through the point: {@code at(t)} evaluates at offset t. */
    interface Line {
        /** f at offset t from the point (the point itself is restored afterwards). */
        Evaluation at(double t);

        /** The offset actually realised for t (v + t - v rounded; t for a direction). */
        double realised(double t);
    }

    /** The derivative along {@code line} at step h; {@code center} is f at the point itself. */
    static NumericDerivative differentiate(Line line, double h, Evaluation center, double retryFactor) {
        NumericDerivative d = once(line, h, center);
        if (!d.differentiable() && retryFactor > 0 && retryFactor < 1) {
            NumericDerivative smaller = once(line, h * retryFactor, center);
            if (smaller.differentiable()) {
                return smaller;
            }
        }
        return d;
    }

    private static NumericDerivative once(Line line, double h, Evaluation center) {
        Evaluation plus = line.at(h);
        Evaluation minus = line.at(-h);
        Evaluation halfPlus = line.at(h / 2);
        Evaluation halfMinus = line.at(-h / 2);
        double rp = line.realised(h);
        double rm = line.realised(-h);
        double rp2 = line.realised(h / 2);
        double rm2 = line.realised(-h / 2);
        double coarse = (plus.value() - minus.value()) / (rp - rm);
        double fine = (halfPlus.value() - halfMinus.value()) / (rp2 - rm2);
        double value = fine + (fine - coarse) / 3;
        double truncation = Math.abs(coarse - fine) / 3;
        double roundoff = NumericDerivative.EPSILON * (4 * (Math.abs(halfPlus.value()) + Math.abs(halfMinus.value())) / (rp2 - rm2)
                + (Math.abs(plus.value()) + Math.abs(minus.value())) / (rp - rm)) / 3;
        String kink = branchChange(minus, halfMinus, halfPlus, plus);
        if (kink == null) {
            kink = oneSidedJump(center.value(), plus.value(), minus.value(), halfPlus.value(), halfMinus.value(), rp, rm, rp2, rm2);
        }
        return new NumericDerivative(value, coarse, fine, h, truncation, roundoff, kink);
    }

    private static String branchChange(Evaluation first, Evaluation... others) {
        for (Evaluation e : others) {
            String stage = first.firstBranchChange(e);
            if (stage != null) {
                return stage + " changes branch within the stencil";
            }
        }
        return null;
    }

    private static String oneSidedJump(double f0, double fp, double fm, double fp2, double fm2,
                                       double rp, double rm, double rp2, double rm2) {
        double forward = (fp - f0) / rp;
        double backward = (f0 - fm) / -rm;
        double forwardHalf = (fp2 - f0) / rp2;
        double backwardHalf = (f0 - fm2) / -rm2;
        double jump = forward - backward;
        double jumpHalf = forwardHalf - backwardHalf;
        double roundoff = NumericDerivative.EPSILON * (Math.abs(fp2) + 2 * Math.abs(f0) + Math.abs(fm2)) / rp2;
        boolean persists = Math.abs(jumpHalf) > JUMP_PERSISTENCE * Math.abs(jump);
        boolean large = Math.abs(jumpHalf) > JUMP_RELATIVE * Math.max(Math.abs(forwardHalf), Math.abs(backwardHalf))
                && Math.abs(jumpHalf) > JUMP_ROUNDOFF_MULTIPLE * roundoff;
        if (persists && large) {
            return String.format("one-sided differences disagree (forward %.6g, backward %.6g) at every step", forwardHalf, backwardHalf);
        }
        return null;
    }
}
