package io.gradcheck4j.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noise of f along one line at a spacing h: {@link Stencil#noise} from {@value FastProbes#LINE_NOISE_POINTS}
 * values at offsets (j - 5) h/8, j = 0..10. Each spacing is measured at most once, when first asked for, and what
 * was measured can be read back without evaluating f ({@link #measuredAt}).
 */
final class LineNoise {
    private final Stencil.Line line;
    private final Map<Double, Double> measured = new LinkedHashMap<>();

    LineNoise(Stencil.Line line) {
        this.line = line;
    }

    /** The noise along the line at spacing {@code step}, measured now unless it was already. */
    synchronized double at(double step) {
        return measured.computeIfAbsent(step, h -> Stencil.noise(List.of(line), List.of(h), FastProbes.LINE_NOISE_POINTS));
    }

    /** The spacings measured so far, in the order they were first asked for. */
    synchronized List<Double> spacings() {
        return List.copyOf(measured.keySet());
    }

    /** The noise at spacing {@code step} if it was measured, else NaN. */
    synchronized double measuredAt(double step) {
        return measured.getOrDefault(step, Double.NaN);
    }
}
