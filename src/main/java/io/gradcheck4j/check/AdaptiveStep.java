package io.gradcheck4j.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The adaptive step search along one line of f: central differences on a halving ladder of steps, each with
 * the Richardson value, the candidate of smallest estimated truncation plus round-off error returned (see
 * {@link #search}). Used where the default step's estimate is not small against the values compared.
 */
final class AdaptiveStep {
    private AdaptiveStep() {
    }

    /**
     * The adaptive step search (numdifftools' idea): central differences D<sub>j</sub> at the ladder of steps
     * h<sub>j</sub> = 0.1 &middot; max(|x|, 1) &middot; 2<sup>-j</sup> (absolute steps from 0.1 down for |x| &le; 1,
     * relative to |x| above), down to 1e-12 &middot; max(|x|, 1), until round-off alone exceeds the best total
     * error found, or until f(x+h) and f(x-h) differ by less than 16 times their round-off (see {@link #RESOLVED_ROUNDOFFS}). At every rung two candidates, each with an error estimate from the spread of its neighbours:
     * D<sub>j</sub> with max(|D<sub>j</sub> - D<sub>j-1</sub>|, |D<sub>j+1</sub> - D<sub>j</sub>|) + r<sub>j</sub>, and
     * the Richardson value R<sub>j</sub> = D<sub>j</sub> + (D<sub>j</sub> - D<sub>j-1</sub>)/3 with
     * max(|R<sub>j</sub> - R<sub>j-1</sub>|, |R<sub>j+1</sub> - R<sub>j</sub>|) + (4r<sub>j</sub> + r<sub>j-1</sub>)/3,
     * r<sub>j</sub> the round-off of D<sub>j</sub> (each f value off by max(&epsilon;|f|, noise)). The candidate of
     * smallest estimated total error is returned; where no three consecutive rungs could be used, the ladder is
     * descended once more from 1.6 &middot; max(|x|, 1) (a small gradient moves f too little below 0.1), and null is
     * returned when that finds none either; the noise of f is measured along the line (see {@link #lineNoise}). Rungs
     * where f is not finite, cannot be evaluated, or changes branch against {@code center} are skipped.
     */
    static NumericDerivative search(Stencil.Line line, double x, Evaluation center, double defaultStep, double tensorNoise) {
        Searched found = searchWithNoise(line, x, center, defaultStep, tensorNoise);
        return found == null ? null : found.derivative();
    }

    /** {@link #search}, with the noise of f measured along the line that the candidate was judged against. */
    static Searched searchWithNoise(Stencil.Line line, double x, Evaluation center, double defaultStep, double tensorNoise) {
        double noise = lineNoise(line, defaultStep, tensorNoise);
        NumericDerivative best = searchAtNoise(line, x, center, noise);
        return best == null ? null : new Searched(best, noise);
    }

    /**
     * The ladder descents of {@link #search} with the noise of f given instead of measured along the line (a dozen
     * or more evaluations of f saved): for a segment of a probe's direction, judged at the noise measured along its
     * parent, which moves a superset of its entries.
     */
    static NumericDerivative searchAtNoise(Stencil.Line line, double x, Evaluation center, double noise) {
        double scale = Math.max(Math.abs(x), 1.0);
        NumericDerivative best = descend(line, LADDER_TOP * scale, scale, center, noise);
        return best != null ? best : descend(line, WIDE_TOP * scale, scale, center, noise);
    }

    /** The candidate of {@link #search} and the noise of f (measured along the line) its estimate assumes. */
    record Searched(NumericDerivative derivative, double noise) {
    }

    /**
     * The noise of f along the line, from the levels L<sub>0</sub>, L<sub>1</sub>, ... of {@link Stencil#level} at
     * the default step's spacing and successive halvings of it (at most 12, until a level shows noise):
     * the largest level that does not show truncation, at least
     * {@code tensorNoise} (the level along the tensor) unless L<sub>0</sub> shows truncation. A level shows
     * truncation when its fourth differences are of one sign and vary slowly ({@link Stencil.LineLevel#smooth}),
     * or when it falls at each of the next two halvings, at most 64-fold each and at least 16-fold in all:
     * fourth differences of a smooth f shrink 16-fold per halving (more slowly while the spacing is coarse, up to
     * 64-fold while a higher term dominates), those of rounding noise do not. The largest, not the first or the last: a function that cancels internally
     * rounds in stairs, whose fourth differences vanish (fall a thousandfold) at spacings narrower than a stair
     * and show at wider ones, so a single spacing can miss its noise entirely. Where every level shows
     * truncation, the smallest of them (an upper bound of the noise) is used.
     */
    private static double lineNoise(Stencil.Line line, double defaultStep, double tensorNoise) {
        List<Stencil.LineLevel> levels = new ArrayList<>();
        double step = defaultStep;
        boolean noiseReached = false;
        for (int i = 0; i <= NOISE_HALVINGS && !noiseReached; i++, step /= 2) {
            levels.add(Stencil.level(line, step, NOISE_POINTS));
            int judged = levels.size() - 3;
            noiseReached = judged >= 0 && !truncation(levels, judged);
        }
        double noise = 0;
        double smallest = Double.POSITIVE_INFINITY;
        boolean anyNoise = false;
        for (int i = 0; i < levels.size(); i++) {
            double level = levels.get(i).noise();
            smallest = Math.min(smallest, level);
            if (!truncation(levels, i)) {
                noise = Math.max(noise, i == 0 ? Math.max(level, tensorNoise) : level);
                anyNoise = true;
            }
        }
        return anyNoise ? noise : smallest;
    }

    /** Whether level i shows truncation rather than noise (see {@link #lineNoise}). */
    private static boolean truncation(List<Stencil.LineLevel> levels, int i) {
        if (levels.get(i).smooth()) {
            return true;
        }
        if (i + 2 >= levels.size()) {
            return false;
        }
        double first = levels.get(i).noise() / levels.get(i + 1).noise();
        double second = levels.get(i + 1).noise() / levels.get(i + 2).noise();
        return decays(first) && decays(second) && first * second >= TRUNCATION_DROP;
    }

    /** A fall of a level at one halving that truncation could make: more than 1, at most 64-fold. */
    private static boolean decays(double drop) {
        return drop > 1 && drop <= TRUNCATION_DROP_MAX;
    }

    /**
     * Over two halvings a smooth f's level falls 256-fold (at least 16-fold where the spacing is still coarse), at
     * most 64-fold per halving (a higher term dominating); noise stays, and stairs vanish at once.
     */
    private static final double TRUNCATION_DROP = 16;
    private static final double TRUNCATION_DROP_MAX = 64;

    /**
     * The ladder from {@code top} down (see {@link #search}); null when no three consecutive rungs could be used, as
     * where f changes by less than {@link #RESOLVED_ROUNDOFFS} times its round-off below the usual top (a small gradient: the search
     * then descends once more from {@link #WIDE_TOP}).
     */
    private static NumericDerivative descend(Stencil.Line line, double top, double scale, Evaluation center, double noise) {
        double bottom = LADDER_BOTTOM * scale;
        List<double[]> run = new ArrayList<>();
        NumericDerivative best = null;
        for (double h = top; h >= bottom; h /= 2) {
            double[] rung = rung(line, h, center, noise);
            if (rung != null && rung[3] < RESOLVED_ROUNDOFFS * rung[4]) {
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
    /** The top of the second descent, 16 times the usual one (four more rungs above it). */
    private static final double WIDE_TOP = 1.6;
    /**
     * The descent stops where f(v+h) and f(v-h) differ by less than 16 times the sum of their errors
     * (max(&epsilon;|f|, noise) each): below that the difference is mostly round-off. For a function rounded to
     * float32 the noise is at least its stair ({@link Stencil#noise}), so this is 16 stairs, about 1e-6 of |f|:
     * there the staircase's differences agree with each other by accident. For code in double it is 16 ulps of
     * f, or 16 times its measured noise where f cancels internally.
     */
    private static final double RESOLVED_ROUNDOFFS = 16;
    /** Points per noise measurement along the line: 7 fourth differences, a steadier median than 3. */
    private static final int NOISE_POINTS = 11;
    /**
     * The noise spacing is halved at most this many times (down to 2<sup>-12</sup> &asymp; 2.4e-4 of the default step),
     * and stops at the first level that shows noise, not truncation (judged with the two levels after it).
     */
    private static final int NOISE_HALVINGS = 12;
    private static final double LADDER_BOTTOM = 1e-12;

    /** {h, D(h), round-off of D(h), |f(v+h) - f(v-h)|, the errors of f(v+h) and f(v-h) summed}, or null when unusable. */
    private static double[] rung(Stencil.Line line, double h, Evaluation center, double noise) {
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
        if (!Double.isFinite(d) || !(width > 0) || Stencil.branchChange(center, plus, minus) != null) {
            return null;
        }
        double errors = Stencil.error(plus.value(), noise) + Stencil.error(minus.value(), noise);
        return new double[] {h, d, errors / width, Math.abs(plus.value() - minus.value()), errors};
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
}
