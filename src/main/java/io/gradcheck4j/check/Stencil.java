package io.gradcheck4j.check;

import io.gradcheck4j.report.FailureMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The finite-difference stencil {v - h, v - h/2, v + h/2, v + h} along one line through the point (a
 * coordinate axis or a projection direction), producing a {@link NumericDerivative} and detecting kinks.
 *
 * <p>Kinks: a kink is reported when the branch patterns of the four points differ (the function knows its
 * pieces) or, for every function, when the one-sided differences F(s) = (f(v + s) - f(v)) / s and
 * B(s) = (f(v) - f(v - s)) / s disagree by a jump J(s) = F(s) - B(s) that does not shrink with s: on a
 * smooth function J(s) &asymp; s f''(v) halves from s = h to s = h/2, across a kink it stays (|J(h/2)| &gt;
 * 0.75 |J(h)|); the jump must also be O(1) relative to the slopes (&gt; 1%), above 10x its round-off and above
 * twice what the measured noise of f (4 &sigma; / (h/2)) could produce (float32 noise is not a kink).
 * A kinked stencil is retried once with h &middot; {@code retryFactor}; only when the smaller stencil still
 * straddles a kink is the entry non-differentiable (a point exactly on a kink always is).
 */
final class Stencil {
    private static final double JUMP_PERSISTENCE = 0.75;
    private static final double JUMP_RELATIVE = 1e-2;
    private static final double JUMP_ROUNDOFF_MULTIPLE = 10;
    private static final double JUMP_NOISE_MULTIPLE = 2;

    private Stencil() {
    }

    /** f along a line through the point: {@code at(t)} evaluates at offset t. */
    interface Line {
        /** f at offset t from the point (the point itself is restored afterwards). */
        Evaluation at(double t);

        /** The offset actually realised for t (v + t - v rounded; t for a direction). */
        double realised(double t);
    }

    /**
     * The derivative along {@code line} at step h; {@code center} is f at the point itself and
     * {@code noise} the measured absolute noise of one evaluation of f (see {@link #noise}; 0 when unknown).
     */
    static NumericDerivative differentiate(Line line, double h, Evaluation center, double retryFactor, double noise) {
        return sample(line, h, center, retryFactor).derivative(noise);
    }

    /**
     * The evaluations behind {@link #differentiate}, which need no noise level: the stencil at h and, when it
     * straddles a kink and {@code 0 < retryFactor < 1}, the stencil at h &middot; retryFactor. Sampling can
     * so start before the noise is measured.
     */
    static Sampled sample(Line line, double h, Evaluation center, double retryFactor) {
        Points first = points(line, h, center);
        boolean retry = first.kink(0) != null && retryFactor > 0 && retryFactor < 1;
        return new Sampled(first, retry ? points(line, h * retryFactor, center) : null);
    }

    /** One or two sampled stencils; {@link #derivative} turns them into the derivative for a noise level. */
    record Sampled(Points first, Points retry) {
        /**
         * The derivative of the first stencil, or of the retry when the first straddles a kink and the retry does
         * not. At a kink it carries the one-sided bounds of every sampled stencil (see {@link Points#oneSided}).
         */
        NumericDerivative derivative(double noise) {
            NumericDerivative d = first.derivative(noise);
            if (retry != null && d.kink() != null && retry.kink(0) == null) {
                return retry.derivative(noise);
            }
            if (d.differentiable()) {
                return d;
            }
            double[] bounds = first.oneSided();
            if (retry != null) {
                double[] more = retry.oneSided();
                bounds = new double[] {Math.min(bounds[0], more[0]), Math.max(bounds[1], more[1]), Math.max(bounds[2], more[2])};
            }
            return d.bracketed(bounds[0], bounds[1], bounds[2]);
        }
    }

    /** f at v - h, v - h/2, v, v + h/2, v + h, the offsets realised, and the branch change found (null: none). */
    record Points(double h, double plus, double minus, double halfPlus, double halfMinus,
                  double rp, double rm, double rp2, double rm2, String branch, double center) {

        /**
         * Why the stencil straddles a kink, or null: a branch change, or one-sided differences whose jump
         * persists beyond the round-off of f values each off by max(&epsilon;|f|, noise).
         */
        String kink(double noise) {
            return branch != null ? branch : oneSidedJump(center, plus, minus, halfPlus, halfMinus, rp, rm, rp2, rm2, noise);
        }

        /**
         * {lower, upper, round-off}: the smallest and largest of the one-sided differences F(s) = (f(v+s) - f(v))/s
         * and B(s) = (f(v) - f(v-s))/s at s = h and h/2 and of their extrapolations 2F(h/2) - F(h),
         * 2B(h/2) - B(h), with the round-off of a one-sided difference at h/2 (one ulp per value: the noise measured
         * along a line through a kink is the kink's own fourth difference, not noise). A valid subgradient along this
         * line lies between the left and right derivatives; every one-sided difference near a kink lies between
         * them or on a nearby piece, so their range is a lenient bracket.
         *
         * <p>Where f jumps (a step function, within the stencil on either side) there is no bracket: {NaN, NaN, NaN}.
         * A side jumps when its change does not shrink with the step, |f(v &plusmn; h/2) - f(v)| &gt; 0.75
         * |f(v &plusmn; h) - f(v)|, well above round-off (10 ulps of f): a continuous f changes by about half as
         * much at h/2, while its one-sided differences across a jump J grow as J/s without bound.
         */
        double[] oneSided() {
            if (jumps(plus, halfPlus) || jumps(minus, halfMinus)) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            double f2 = (halfPlus - center) / rp2;
            double f1 = (plus - center) / rp;
            double b2 = (center - halfMinus) / -rm2;
            double b1 = (center - minus) / -rm;
            double[] all = {f1, f2, 2 * f2 - f1, b1, b2, 2 * b2 - b1};
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : all) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            double roundoff = 3 * (Math.max(error(halfPlus, 0), error(halfMinus, 0)) + error(center, 0))
                    / Math.min(Math.abs(rp2), Math.abs(rm2));
            return new double[] {lo, hi, roundoff};
        }

        private boolean jumps(double full, double half) {
            double halfChange = Math.abs(half - center);
            return halfChange > JUMP_PERSISTENCE * Math.abs(full - center)
                    && halfChange > JUMP_ROUNDOFF_MULTIPLE * (error(half, 0) + error(center, 0));
        }

        /** D(h), D(h/2) and their Richardson extrapolation, with the error estimates of {@link NumericDerivative}. */
        NumericDerivative derivative(double noise) {
            String kink = kink(noise);
            double coarse = (plus - minus) / (rp - rm);
            double fine = (halfPlus - halfMinus) / (rp2 - rm2);
            double difference = Math.abs(coarse - fine);
            double roundoffCoarse = (error(plus, noise) + error(minus, noise)) / (rp - rm);
            double roundoffFine = (error(halfPlus, noise) + error(halfMinus, noise)) / (rp2 - rm2);
            double roundoffRichardson = (4 * roundoffFine + roundoffCoarse) / 3;
            if (4 * difference / 3 + roundoffCoarse < difference / 3 + roundoffRichardson) {
                return new NumericDerivative(coarse, coarse, fine, h, 4 * difference / 3, roundoffCoarse, kink);
            }
            return new NumericDerivative(fine + (fine - coarse) / 3, coarse, fine, h, difference / 3, roundoffRichardson, kink);
        }
    }

    /**
     * The error of one evaluation of f as actually observed near the point: the fourth differences
     * f(v-2d) - 4f(v-d) + 6f(v) - 4f(v+d) + f(v+2d) at d = h/8 cancel every polynomial of degree 3 (the smooth
     * part is d<sup>4</sup>f &asymp; 1e-24 f at the default step), leaving rounding noise of variance
     * 70 &sigma;<sup>2</sup>; over the given lines, &sigma; = median |fourth difference| / 4 (a median, so a probe
     * crossing a kink does not inflate it). Lines whose branch patterns change are skipped, and so are lines
     * along which f takes one value at all seven points (f does not depend on that entry: their zero fourth
     * differences would pull the median to 0 and hide the noise of the lines that matter). A function whose
     * value cancels internally (a loss of saturated sigmoids, a log-softmax) is noisier than &epsilon;|f|
     * suggests; this measured level then replaces the model in the round-off estimate.
     *
     * <p>A function computed in float32 is a staircase: its fourth differences at h/8 are mostly exactly 0 (each
     * step spans a few stairs, and the rounding pattern repeats), so their median misses its error of up to one
     * stair. The level returned is therefore at least the largest {@link #stair} of the lines.
     */
    static double noise(List<Line> lines, List<Double> steps) {
        return noise(lines, steps, 7);
    }

    /**
     * {@link #noise(List, List)} from {@code points} (odd, at least 5) equally spaced values per line, centred on
     * the point: points - 4 fourth differences each, a steadier median along a single line.
     */
    static double noise(List<Line> lines, List<Double> steps, int points) {
        List<Double> fourth = new ArrayList<>();
        double stair = 0;
        for (int k = 0; k < lines.size(); k++) {
            double d = steps.get(k) / 8;
            Evaluation[] e = sampled(lines.get(k), d, points);
            if (e == null) {
                continue;
            }
            stair = Math.max(stair, stair(lines.get(k), e[points / 2], d));
            for (double v : fourthDifferences(e)) {
                fourth.add(v);
            }
        }
        return Math.max(medianMagnitude(fourth.stream().mapToDouble(Double::doubleValue).toArray()) / 4, stair);
    }

    /**
     * The level of {@link #noise(List, List, int)} along one line at one step, and whether its fourth differences
     * look like truncation rather than noise: all of one sign and each at least half the largest (f smooth at
     * that spacing: d<sup>4</sup>f<sup>(4)</sup> varies slowly along the line, while rounding noise changes sign at
     * random). A line whose branch pattern changes, or along which f is flat, has level 0 and is not smooth.
     */
    static LineLevel level(Line line, double step, int points) {
        double d = step / 8;
        Evaluation[] e = sampled(line, d, points);
        if (e == null) {
            return new LineLevel(0, false);
        }
        double[] fourth = fourthDifferences(e);
        double largest = 0;
        boolean positive = fourth[0] > 0;
        boolean smooth = true;
        for (double v : fourth) {
            largest = Math.max(largest, Math.abs(v));
            smooth &= Double.isFinite(v) && v != 0 && (v > 0) == positive;
        }
        for (double v : fourth) {
            smooth &= Math.abs(v) >= SMOOTH_SPREAD * largest;
        }
        return new LineLevel(Math.max(medianMagnitude(fourth) / 4, stair(line, e[points / 2], d)), smooth);
    }

    /**
     * f at the {@code points} offsets (j - points/2) d of the line, or null when its branch pattern changes among
     * them or f takes one value at all of them (see {@link #noise(List, List)}).
     */
    private static Evaluation[] sampled(Line line, double d, int points) {
        int half = points / 2;
        Evaluation[] e = new Evaluation[points];
        for (int j = 0; j < points; j++) {
            e[j] = line.at((j - half) * d);
        }
        return branchChange(e[0], Arrays.copyOfRange(e, 1, points)) != null || flat(e) ? null : e;
    }

    /** f(v-2d) - 4f(v-d) + 6f(v) - 4f(v+d) + f(v+2d) at each run of five consecutive sampled values. */
    private static double[] fourthDifferences(Evaluation[] e) {
        double[] fourth = new double[e.length - 4];
        for (int j = 0; j + 4 < e.length; j++) {
            fourth[j] = e[j].value() - 4 * e[j + 1].value() + 6 * e[j + 2].value() - 4 * e[j + 3].value() + e[j + 4].value();
        }
        return fourth;
    }

    /** The median of |v| over the finite values, 0 when there are none. */
    private static double medianMagnitude(double[] values) {
        double[] magnitudes = Arrays.stream(values).filter(Double::isFinite).map(Math::abs).sorted().toArray();
        int n = magnitudes.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? magnitudes[n / 2] : (magnitudes[n / 2 - 1] + magnitudes[n / 2]) / 2;
    }

    /** The smallest fourth difference, relative to the largest, of a line called smooth by {@link #level}. */
    private static final double SMOOTH_SPREAD = 0.5;

    /**
     * A noise level along one line ({@link #level}).
     *
     * @param noise  the level: median |fourth difference| / 4, at least the stair
     * @param smooth whether the fourth differences show truncation (one sign, slowly varying) rather than noise
     */
    record LineLevel(double noise, boolean smooth) {
    }

    /**
     * The height of the stair f stands on along the line, or 0 when f is not a staircase there: unless f moves
     * on both sides already at v &plusmn; d/1024 (&asymp; 1e-9 max(|v|, 1) at the default step, where a function
     * computed in double moves by d/1024 |f'|: no stair), the offset s is doubled from d/1024 until f(v + s) or
     * f(v - s) differs from f(v), and the larger of those differences is the stair (a value of f is off the smooth
     * function by up to one stair; one side moving alone at d/1024 is v next to a stair's edge). A function
     * computed in double that is that flat first differs by about one ulp of f, the round-off already assumed.
     */
    private static double stair(Line line, Evaluation center, double d) {
        double c = center.value();
        for (double s = d / STAIR_START; s <= d; s *= 2) {
            double up = line.at(s).value();
            double down = line.at(-s).value();
            if (!Double.isFinite(up) || !Double.isFinite(down)) {
                return 0;
            }
            boolean upSame = Double.doubleToLongBits(up) == Double.doubleToLongBits(c);
            boolean downSame = Double.doubleToLongBits(down) == Double.doubleToLongBits(c);
            if (s == d / STAIR_START && !upSame && !downSame) {
                return 0;
            }
            if (!upSame || !downSame) {
                return Math.max(Math.abs(up - c), Math.abs(down - c));
            }
        }
        return 0;
    }

    private static final double STAIR_START = 1024;

    /** Whether f took the very same value at every point: a line f does not depend on says nothing of its noise. */
    private static boolean flat(Evaluation[] e) {
        for (Evaluation x : e) {
            if (Double.doubleToLongBits(x.value()) != Double.doubleToLongBits(e[0].value())) {
                return false;
            }
        }
        return true;
    }

    private static Points points(Line line, double h, Evaluation center) {
        Evaluation plus = line.at(h);
        Evaluation minus = line.at(-h);
        Evaluation halfPlus = line.at(h / 2);
        Evaluation halfMinus = line.at(-h / 2);
        double rp = line.realised(h);
        double rm = line.realised(-h);
        double rp2 = line.realised(h / 2);
        double rm2 = line.realised(-h / 2);
        String branch = branchChange(minus, halfMinus, halfPlus, plus);
        return new Points(h, plus.value(), minus.value(), halfPlus.value(), halfMinus.value(), rp, rm, rp2, rm2, branch, center.value());
    }

    /** The error of one value of f: one ulp, or the measured noise when that is larger. */
    static double error(double value, double noise) {
        return Math.max(NumericDerivative.EPSILON * Math.abs(value), noise);
    }

    static String branchChange(Evaluation first, Evaluation... others) {
        for (Evaluation e : others) {
            String stage = first.firstBranchChange(e);
            if (stage != null) {
                return FailureMessages.branchChange(stage);
            }
        }
        return null;
    }

    private static String oneSidedJump(double f0, double fp, double fm, double fp2, double fm2,
                                       double rp, double rm, double rp2, double rm2, double noise) {
        double forward = (fp - f0) / rp;
        double backward = (f0 - fm) / -rm;
        double forwardHalf = (fp2 - f0) / rp2;
        double backwardHalf = (f0 - fm2) / -rm2;
        double jump = forward - backward;
        double jumpHalf = forwardHalf - backwardHalf;
        double roundoff = NumericDerivative.EPSILON * (Math.abs(fp2) + 2 * Math.abs(f0) + Math.abs(fm2)) / rp2;
        double noisy = 4 * noise / rp2;
        boolean persists = Math.abs(jumpHalf) > JUMP_PERSISTENCE * Math.abs(jump);
        boolean large = Math.abs(jumpHalf) > JUMP_RELATIVE * Math.max(Math.abs(forwardHalf), Math.abs(backwardHalf))
                && Math.abs(jumpHalf) > JUMP_ROUNDOFF_MULTIPLE * roundoff && Math.abs(jumpHalf) > JUMP_NOISE_MULTIPLE * noisy;
        if (persists && large) {
            return FailureMessages.oneSidedDisagree(forwardHalf, backwardHalf);
        }
        return null;
    }
}
