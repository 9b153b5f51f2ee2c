package io.gradcheck4j.check;

import io.gradcheck4j.report.Finding;
import io.gradcheck4j.report.FindingMessages;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The float-precision trap ({@link Diagnostics#precision}): along a line through the point, the central
 * difference at the tiny step &delta; = {@value #PRECISION_STEP} &middot; max(|v|, 1) against the checker's
 * derivative n along the same line; a line is noisy when their gap exceeds {@value #PRECISION_ROUNDOFF_MULTIPLE}
 * times the double round-off &epsilon;(|f(v+&delta;)| + |f(v-&delta;)|) / 2&delta; plus {@value #PRECISION_RELATIVE} |n|,
 * and a FLOAT_PRECISION finding is raised when a majority of the judged lines are noisy.
 */
final class PrecisionTrap {
    /** Step of the precision probe, relative to max(|v|, 1): far below the checker's, so f's noise shows. */
    static final double PRECISION_STEP = 1e-9;
    private static final int PRECISION_ENTRIES = 3;
    private static final double PRECISION_ROUNDOFF_MULTIPLE = 1e3;
    private static final double PRECISION_RELATIVE = 1e-3;

    private PrecisionTrap() {
    }

    /** {@link Diagnostics#precision(Differentiable, Variable, Tensor, CheckOptions)} through f bound along v's entries. */
    static List<Finding> precision(CoordinateFunction coordinates, Variable v, Tensor analytic, CheckOptions options) {
        int n = v.value().size();
        int[] order = Diagnostics.largest(analytic, Math.min(PRECISION_ENTRIES, n));
        List<TinyStep> steps = new ArrayList<>();
        Evaluation center;
        try {
            center = coordinates.evaluateAt(0, v.value().get(0));
        } catch (RuntimeException e) {
            return List.of();
        }
        for (int i : order) {
            double original = v.value().get(i);
            Stencil.Line line = new Stencil.Line() {
                @Override
                public Evaluation at(double t) {
                    return coordinates.evaluateAt(i, original + t);
                }

                @Override
                public double realised(double t) {
                    return (original + t) - original;
                }
            };
            double scale = Math.max(Math.abs(original), 1.0);
            try {
                NumericDerivative reference = Stencil.differentiate(line, options.relativeStep() * scale, center, 0, 0);
                steps.add(tinyStep(line, reference, PRECISION_STEP * scale, "at index " + v.value().formatIndex(i)));
            } catch (RuntimeException e) {
                return List.of();
            }
        }
        return precision(v, steps);
    }

    /**
     * The precision trap judged along one line: the central difference at the tiny step {@code delta}
     * against the checker's derivative {@code reference} along the same line (see {@link Diagnostics#precision}).
     * {@code where} names the line in the finding.
     */
    static TinyStep tinyStep(Stencil.Line line, NumericDerivative reference, double delta, String where) {
        double up = line.at(delta).value();
        double down = line.at(-delta).value();
        double width = line.realised(delta) - line.realised(-delta);
        double tiny = (up - down) / width;
        double ref = reference.value();
        if (!reference.differentiable() || !Double.isFinite(ref) || ref == 0 || !Double.isFinite(tiny)) {
            return TinyStep.NOT_JUDGED;
        }
        double gap = Math.abs(tiny - ref);
        double roundoff = NumericDerivative.EPSILON * (Math.abs(up) + Math.abs(down)) / width;
        if (gap > PRECISION_ROUNDOFF_MULTIPLE * roundoff + PRECISION_RELATIVE * Math.abs(ref)) {
            return new TinyStep(true, FindingMessages.precisionEvidence(where, delta, tiny, ref, gap, roundoff));
        }
        return TinyStep.CLEAN;
    }

    /** One line's verdict: judged or not, and the description when f was noisy along it (null otherwise). */
    record TinyStep(boolean judged, String noisy) {
        static final TinyStep NOT_JUDGED = new TinyStep(false, null);
        static final TinyStep CLEAN = new TinyStep(true, null);
    }

    /** The FLOAT_PRECISION finding of v when f was noisy on a majority of the judged lines; none otherwise. */
    static List<Finding> precision(Variable v, List<TinyStep> steps) {
        long judged = steps.stream().filter(TinyStep::judged).count();
        List<String> noisy = steps.stream().map(TinyStep::noisy).filter(Objects::nonNull).toList();
        if (judged > 0 && 2 * noisy.size() > judged) {
            return List.of(new Finding(Finding.Kind.FLOAT_PRECISION, v.location(), FindingMessages.floatPrecision(noisy.get(0))));
        }
        return List.of();
    }
}
