package io.gradcheck4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.TextReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float32 figures of issue 11 (item 2) in FULL mode with default options, over N random cases of the
 * float32 tanh layer of {@link ResolutionTest.FloatTanh} (3 inputs in [-2, 2], upstream in [-1, 1]): how many
 * correct layers are flagged (fail, inconclusive or a false kink) and how many 0.1%-too-large layers fail.
 * N is 20 in the suite; {@code -Dgradcheck4j.figures=1000} measures the figure (and prints it).
 */
class Float32TanhFiguresTest {
    private static final int CASES = Integer.getInteger("gradcheck4j.figures", 20);
    private static final GradientChecker CHECKER = new GradientChecker(CheckOptions.defaults().withParallelism(1));

    private static NetworkFunction floatTanh(double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[3];
        double[] up = new double[3];
        for (int i = 0; i < 3; i++) {
            x[i] = 4 * random.nextDouble() - 2;
            up[i] = 2 * random.nextDouble() - 1;
        }
        return NetworkFunction.ofLayer(new ResolutionTest.FloatTanh(scale), Tensor.wrap(x, 1, 3), Tensor.wrap(up, 1, 3));
    }

    @Test
    void everyCorrectFloat32TanhPassesAndEveryOneTenthPercentMutantFails() {
        // GIVEN N random cases of the float32 tanh layer, correct and with a backward 0.1% too large
        SplittableRandom seeds = new SplittableRandom(20261202);
        int flagged = 0;
        int kinked = 0;
        int detected = 0;
        List<String> firstFlagged = new ArrayList<>();
        for (int s = 0; s < CASES; s++) {
            long seed = seeds.nextLong();
            // WHEN each is checked in FULL mode with default options
            CheckReport correct = CHECKER.check(floatTanh(1, seed));
            CheckReport wrong = CHECKER.check(floatTanh(1.001, seed));
            boolean bad = !correct.passed() || correct.nonDifferentiable() > 0;
            if (bad) {
                flagged++;
                if (firstFlagged.size() < 3) {
                    firstFlagged.add("seed " + seed + "\n" + TextReport.check(correct));
                }
            }
            if (correct.nonDifferentiable() > 0) {
                kinked++;
            }
            if (!wrong.passed() && wrong.failures() > 0) {
                detected++;
            }
        }
        System.out.printf("float32 tanh, FULL, %d cases: correct flagged %d (false kinks in %d), 0.1%% mutant detected %d%n",
                CASES, flagged, kinked, detected);
        // THEN no correct one is flagged and every mutant fails
        assertEquals(0, flagged, String.join("\n", firstFlagged));
        assertEquals(CASES, detected);
    }
}
