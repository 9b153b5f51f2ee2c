package io.gradcheck4j.arbitraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.contract.BatteryResult;
import io.gradcheck4j.contract.LayerChecks;
import io.gradcheck4j.engine.Layer;
import io.gradcheck4j.engine.LayerGradients;
import io.gradcheck4j.engine.LayerSample;
import io.gradcheck4j.engine.Network;
import io.gradcheck4j.engine.losses.HalfSquaredError;
import io.gradcheck4j.functions.NetworkFunction;
import io.gradcheck4j.report.CheckReport;
import io.gradcheck4j.report.FailureMessages;
import io.gradcheck4j.report.Mismatch;
import io.gradcheck4j.report.TextReport;
import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The same failure reads the same everywhere: the text report, {@link CheckReport#assertPassed()},
 * {@link GradientAssertions#describeFailure} and the layer battery give one mismatch the one line of {@link FailureMessages}.
 */
class OneVoiceTest {

    /** y = 3x with backward dx = dy: the factor 3 forgotten. */
    private static final class ForgetsTheFactor implements Layer {
        @Override
        public String type() {
            return "forgets_the_factor";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.scale(3);
        }

        @Override
        public LayerGradients backward(Tensor x, Tensor y, Tensor dy) {
            return new LayerGradients(dy, Map.of());
        }
    }

    @Test
    void oneMismatchGivesTheSameLineInTheTextReportAssertPassedAndThePropertyAssertion() {
        // GIVEN J = (3x - 0)^2 / 2 at x = 1: dJ/dx = 9x = 9, while the layer's backward gives dy = 3x = 3
        NetworkCase c = new NetworkCase(Network.of(new ForgetsTheFactor()), Tensor.of(new double[] {1}, 1, 1), new HalfSquaredError(),
                Tensor.of(new double[] {0}, 1, 1));
        CheckReport report = GradientAssertions.check(c);
        assertEquals(1, report.failures(), report.toString());
        Mismatch m = report.mismatches().get(0);
        String line = FailureMessages.entry(m);
        assertTrue(line.startsWith("gradient mismatch for input at index [0, 0]: analytic 3.000000000, numeric 9.000000000, |a - n| = 6.00 > allowed "), line);

        // WHEN the three renderings are made
        List<String> text = TextReport.check(report).lines().toList();
        List<String> asserted = assertThrows(AssertionFailedError.class, report::assertPassed).getMessage().lines().toList();
        List<String> property = GradientAssertions.describeFailure(c, report).lines().toList();

        // THEN each holds that line, and both failure messages open with the same count
        assertTrue(text.contains(line), text.toString());
        assertTrue(asserted.contains("  " + line), asserted.toString());
        assertTrue(property.contains("    " + line), property.toString());
        assertEquals("gradient check failed: " + report.subject() + ": 1 of 1 entries fail", asserted.get(0));
        assertEquals("gradient check failed: " + c + ": 1 of 1 entries fail (rule " + report.rule() + ")", property.get(0));
        assertTrue(property.contains("  input: 1 of 1 entries fail, max |a - n| = " + m.absError()), property.toString());
    }

    @Test
    void theLayerBatteryGivesTheSameLineAsTheTextReportOfTheSameCheck() {
        // GIVEN the layer alone at x = 1 with upstream dy = 1: J = 3x dy, dJ/dx = 3, while its backward gives dy = 1
        Tensor x = Tensor.of(new double[] {1}, 1, 1);
        Tensor dy = Tensor.of(new double[] {1}, 1, 1);
        CheckReport report = GradientChecker.withDefaults().check(NetworkFunction.ofLayer(new ForgetsTheFactor(), x, dy));
        String line = FailureMessages.entry(report.mismatches().get(0));
        assertTrue(line.startsWith("gradient mismatch for input at index [0, 0]: analytic 1.000000000, numeric 3.000000000, |a - n| = 2.00 > allowed "), line);

        // WHEN the layer battery checks the same sample with the same upstream gradient
        BatteryResult gradients = LayerChecks.withDefaults().checks("forgets_the_factor", new LayerSample("x = 1", new ForgetsTheFactor(), x), dy)
                .stream().filter(c -> c.check().equals(LayerChecks.GRADIENTS)).findFirst().orElseThrow().run();

        // THEN its detail holds the text report's line, under the same count
        assertTrue(TextReport.check(report).lines().toList().contains(line), TextReport.check(report));
        List<String> detail = gradients.detail().lines().toList();
        assertTrue(detail.get(0).startsWith("1 of 1 entries fail ("), detail.toString());
        assertTrue(detail.contains("    " + line), detail.toString());
    }
}
