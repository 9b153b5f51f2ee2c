package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class AssertPassedTest {

    /** A failing entry at index [i] with |a - n| = error and the bound 1. */
    private static Mismatch entry(int i, double error) {
        return Reports.mismatch("x", "output " + i + " with respect to input x", new int[] {i}, error, 0, error, 1, 1);
    }

    @Test
    void listsTheFiveWorstEntriesWorstFirstThenTheErrorFindings() {
        // GIVEN 7 failing entries with |a - n| / bound = 2, 9, 3, 8, 4, 7, NaN, and one error finding
        double[] errors = {2, 9, 3, 8, 4, 7, Double.NaN};
        List<Mismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            mismatches.add(entry(i, errors[i]));
        }
        TensorReport t = Reports.tensor("x", "input x", new int[] {7}, 7, 7, 9, 1, new int[] {1}, 9, 0, mismatches);
        CheckReport report = new CheckReport("f", "rule", 1e-6, List.of(t), CheckedMode.of(CheckedMode.Kind.FULL),
                List.of(new Finding(Finding.Kind.NONDETERMINISTIC_FORWARD, "f", "two evaluations differ")));
        // WHEN assertPassed is called
        String[] lines = assertThrows(AssertionFailedError.class, report::assertPassed).getMessage().split(System.lineSeparator());
        // THEN: the headline, the NaN entry, then ratios 9, 8, 7, 4 (5 entries), then the finding
        assertEquals("gradient check failed: f: 7 of 7 entries fail", lines[0]);
        int[] order = {6, 1, 3, 5, 4};
        for (int k = 0; k < order.length; k++) {
            assertTrue(lines[k + 1].startsWith("  gradient mismatch for output " + order[k] + " with respect to input x at index [" + order[k] + "]"), lines[k + 1]);
        }
        assertEquals("  NONDETERMINISTIC_FORWARD at f: two evaluations differ", lines[6]);
        assertEquals(7, lines.length);
    }

    @Test
    void aPassingReportWithEntriesReturns() {
        // GIVEN a report of one passing tensor of 3 entries; WHEN / THEN assertPassed returns
        TensorReport t = Reports.tensor("x", "input x", new int[] {3}, 3, 0, 0, 0, new int[] {0}, 1, 1, List.of());
        assertDoesNotThrow(Reports.check("f", "rule", 1e-6, List.of(t))::assertPassed);
    }
}
