package io.gradcheck4j.check;

import java.util.ArrayList;
import java.util.Collections;
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
         */
        double[] oneSided() {
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
     */
    static double noise(List<Line> lines, List<Double> steps) {
        List<Double> fourth = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            double d = steps.get(k) / 8;
            Evaluation[] e = new Evaluation[7];
            for (int j = 0; j < 7; j++) {
                e[j] = lines.get(k).at((j - 3) * d);
            }
            if (branchChange(e[0], e[1], e[2], e[3], e[4], e[5], e[6]) != null || flat(e)) {
                continue;
            }
            for (int j = 0; j + 4 < 7; j++) {
                double v = e[j].value() - 4 * e[j + 1].value() + 6 * e[j + 2].value() - 4 * e[j + 3].value() + e[j + 4].value();
                if (Double.isFinite(v)) {
                    fourth.add(Math.abs(v));
                }
            }
        }
        if (fourth.isEmpty()) {
            return 0;
        }
        Collections.sort(fourth);
        int n = fourth.size();
        double median = n % 2 == 1 ? fourth.get(n / 2) : (fourth.get(n / 2 - 1) + fourth.get(n / 2)) / 2;
        return median / 4;
    }

    /**
     * The adaptive step search (numdifftools' idea): central differences D<sub>j</sub> at the ladder of steps
     * h<sub>j</sub> = 0.1 &middot; max(|x|, 1) &middot; 2<sup>-j</sup> (absolute steps from 0.1 down for |x| &le; 1,
     * relative to |x| above), down to 1e-12 &middot; max(|x|, 1), until round-off alone exceeds the best total
     * error found, or until f(x+h) and f(x-h) differ by less than 1e-6 of |f| (see {@link #RESOLVED_CHANGE}). At every rung two candidates, each with an error estimate from the spread of its neighbours:
     * D<sub>j</sub> with max(|D<sub>j</sub> - D<sub>j-1</sub>|, |D<sub>j+1</sub> - D<sub>j</sub>|) + r<sub>j</sub>, and
     * the Richardson value R<sub>j</sub> = D<sub>j</sub> + (D<sub>j</sub> - D<sub>j-1</sub>)/3 with
     * max(|R<sub>j</sub> - R<sub>j-1</sub>|, |R<sub>j+1</sub> - R<sub>j</sub>|) + (4r<sub>j</sub> + r<sub>j-1</sub>)/3,
     * r<sub>j</sub> the round-off of D<sub>j</sub> (each f value off by max(&epsilon;|f|, noise)). The candidate of
     * smallest estimated total error is returned (null when no three consecutive rungs could be evaluated); the noise
     * of f is measured along the line at {@code defaultStep} (at least {@code tensorNoise}, the level measured
     * along the tensor), or at 1e-3 of it where the former shows truncation (see {@link #NOISE_STEP}). Rungs
     * where f is not finite, cannot be evaluated, or changes branch against {@code center} are skipped.
     */
    static NumericDerivative adaptive(Line line, double x, Evaluation center, double defaultStep, double tensorNoise) {
        double scale = Math.max(Math.abs(x), 1.0);
        double near = noise(List.of(line), List.of(defaultStep * NOISE_STEP));
        double far = noise(List.of(line), List.of(defaultStep));
        boolean truncated = near > NumericDerivative.EPSILON * Math.abs(center.value()) && far > TRUNCATED_NOISE * near;
        double noise = truncated ? near : Math.max(far, tensorNoise);
        double bottom = LADDER_BOTTOM * scale;
        List<double[]> run = new ArrayList<>();
        NumericDerivative best = null;
        for (double h = LADDER_TOP * scale; h >= bottom; h /= 2) {
            double[] rung = rung(line, h, center, noise);
            if (rung != null && rung[3] < RESOLVED_CHANGE) {
                break;
            }
            if (rung == null) {
                run.clear();
                continue;
            }
            run.add(rung);
            int k = run.size();
            if (k >= 3) {
                best = better(best, plain(run.get(k - 3), run.get(k - 2), run.get(k - 1)));
            }
            if (k >= 4) {
                best = better(best, richardson(run.get(k - 4), run.get(k - 3), run.get(k - 2), run.get(k - 1)));
            }
            if (best != null && rung[2] > 2 * best.errorEstimate()) {
                break;
            }
        }
        return best;
    }

    private static final double LADDER_TOP = 0.1;
    /**
     * The descent stops where f(v+h) and f(v-h) differ by less than 1e-6 of |f| (16 float32 ulps): below that a
     * function rounded to float32 is a staircase whose differences agree with each other by accident.
     */
    private static final double RESOLVED_CHANGE = 1e-6;
    /**
     * The ladder's noise of f is measured along the entry at the default step and at 1e-3 of it. The default
     * step's level is kept unless it exceeds 100 times the small step's while that is above one ulp of f: then
     * its fourth differences carried truncation (the default step is too large, as on an offset batch norm),
     * which noise would not. A small-step level at or below one ulp says nothing (f computed on float32 inputs
     * takes one value at every point that close).
     */
    private static final double NOISE_STEP = 1e-3;
    private static final double TRUNCATED_NOISE = 100;
    private static final double LADDER_BOTTOM = 1e-12;

    /** {h, D(h), round-off of D(h), |f(v+h) - f(v-h)| / max |f|}, or null when the rung cannot be used. */
    private static double[] rung(Line line, double h, Evaluation center, double noise) {
        Evaluation plus;
        Evaluation minus;
        try {
            plus = line.at(h);
            minus = line.at(-h);
        } catch (RuntimeException e) {
            return null;
        }
        double width = line.realised(h) - line.realised(-h);
        double d = (plus.value() - minus.value()) / width;
        if (!Double.isFinite(d) || !(width > 0) || branchChange(center, plus, minus) != null) {
            return null;
        }
        double change = Math.abs(plus.value() - minus.value()) / Math.max(Math.abs(plus.value()), Math.abs(minus.value()));
        return new double[] {h, d, (error(plus.value(), noise) + error(minus.value(), noise)) / width, change};
    }

    private static NumericDerivative plain(double[] before, double[] at, double[] after) {
        double truncation = Math.max(Math.abs(at[1] - before[1]), Math.abs(after[1] - at[1]));
        return new NumericDerivative(at[1], before[1], at[1], at[0], truncation, at[2], null);
    }

    private static NumericDerivative richardson(double[] r0, double[] r1, double[] r2, double[] r3) {
        double previous = r1[1] + (r1[1] - r0[1]) / 3;
        double value = r2[1] + (r2[1] - r1[1]) / 3;
        double next = r3[1] + (r3[1] - r2[1]) / 3;
        double truncation = Math.max(Math.abs(value - previous), Math.abs(next - value));
        return new NumericDerivative(value, r1[1], r2[1], r1[0], truncation, (4 * r2[2] + r1[2]) / 3, null);
    }

    /**
     * The candidate with the smaller estimate; a candidate whose estimate exceeds half its own value is never
     * taken (a flat run of rungs, f saturated at huge steps or rounded to one value at tiny ones, agrees with
     * itself and so looks accurate without being so).
     */
    private static NumericDerivative better(NumericDerivative best, NumericDerivative candidate) {
        if (!(candidate.errorEstimate() <= SELF_CONSISTENT * Math.abs(candidate.value()))) {
            return best;
        }
        return best == null || candidate.errorEstimate() < best.errorEstimate() ? candidate : best;
    }

    private static final double SELF_CONSISTENT = 0.5;

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
    private static double error(double value, double noise) {
        return Math.max(NumericDerivative.EPSILON * Math.abs(value), noise);
    }

    static String branchChange(Evaluation first, Evaluation... others) {
        for (Evaluation e : others) {
            String stage = first.firstBranchChange(e);
            if (stage != null) {
                return stage + " changes branch within the stencil";
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
            return String.format("one-sided differences disagree (forward %.6g, backward %.6g) at every step", forwardHalf, backwardHalf);
        }
        return null;
    }
}
