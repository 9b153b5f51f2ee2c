package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void aFailingCheckShowsVerdictSummaryAndEveryListedMismatch() {
        // GIVEN a check of one weight tensor with one wrong entry at [1, 2]
        Mismatch wrong = Reports.mismatch("layers.0.weight", "layer 0 (affine) parameter weight", new int[] {1, 2}, 0.5, 0.25, 0.25, 0.5, 2.6e-4);
        TensorReport tensor = Reports.tensor("layers.0.weight", "layer 0 (affine) parameter weight", new int[] {2, 3}, 6, 1,
                0.25, 0.5, new int[] {1, 2}, 0.5, 0.25, List.of(wrong));
        CheckReport check = Reports.check("affine -> sigmoid | half_squared_error", "|a - n| <= 1e-05 + 0.001 * |n|", 6.06e-6, List.of(tensor));

        // WHEN it is rendered
        String html = new HtmlReport("report").check(check).render();

        // THEN the page says FAIL and lists the entry with both values
        assertTrue(html.contains("<span class=\"fail\">FAIL</span>"), html);
        assertTrue(html.contains("6 entries checked, 1 failed, 0 non-differentiable"), html);
        assertTrue(html.contains("<td class=\"fail\">FAIL</td></tr>"), "the tensor's row ends with its coloured verdict: " + html);
        assertTrue(html.contains("<caption>Mismatches: each tensor's first failing entries, in index order"), html);
        assertTrue(html.contains("<td>[1, 2]</td>"), html);
        assertTrue(html.contains("<td>0.500000</td><td>0.250000</td>"), html);
        assertTrue(html.contains("affine -&gt; sigmoid"), html);
    }

    @Test
    void aRunListsEveryCaseEveryProblemAndTheDetailsOfFailingChecks() {
        // GIVEN a run of two cases: one passing, one whose weight entry [1, 2] is off (0.5 analytic, 0.25 numeric)
        Mismatch wrong = Reports.mismatch("layers.0.weight", "layer 0 (affine) parameter weight", new int[] {1, 2}, 0.5, 0.25, 0.25, 0.5, 2.6e-4);
        TensorReport failing = Reports.tensor("layers.0.weight", "layer 0 (affine) parameter weight", new int[] {2, 3}, 6, 1,
                0.25, 0.5, new int[] {1, 2}, 0.5, 0.25, List.of(wrong));
        TensorReport passing = Reports.tensor("input", "input", new int[] {1, 2}, 2, 0, 1e-12, 1e-11, new int[] {0, 0}, 1, 1, List.of());
        String rule = "|a - n| <= 1e-05 + 0.001 * |n|";
        CaseResult bad = new CaseResult(CaseResult.Kind.LAYER, "affine #1", "2 x 3 weight", List.of(), Reports.check("affine", rule, 6.06e-6, List.of(failing)), null);
        CaseResult good = new CaseResult(CaseResult.Kind.LAYER, "tanh #1", "batch 1", List.of(), Reports.check("tanh", rule, 6.06e-6, List.of(passing)), null);
        RunReport run = new RunReport(7L, rule, 6.06e-6, List.of(good, bad));

        // WHEN it is rendered
        String html = new HtmlReport("run").run(run).render();

        // THEN the verdict and counts, one row per case with its result, the problem line, and the failing case's tensors
        assertTrue(html.contains("<p><span class=\"fail\">FAIL</span>: 2 cases, 8 checks, 1 passed, 1 failed, 0 non-differentiable entries</p>"), html);
        assertTrue(html.contains("seed 7"), html);
        assertTrue(html.contains("<td class=\"l\">tanh #1</td>") && html.contains("<td class=\"pass\">PASS</td>"), html);
        assertTrue(html.contains("<td class=\"l\">affine #1</td>") && html.contains("<td class=\"fail\">FAIL</td>"), html);
        assertTrue(html.contains("<h2>Problems</h2>") && html.contains("<li>affine #1: "), html);
        assertTrue(html.contains("<h2>affine #1: affine</h2>") && html.contains("<td>[1, 2]</td>"), html);
        assertFalse(html.contains("<h2>tanh #1"), "passing cases are not detailed: " + html);
    }

    @Test
    void pagesAreSelfContained() {
        // GIVEN a report with a table and an image
        String html = new HtmlReport("a <b> & \"c\"").table(List.of("name", "value"), List.of(List.of("x<y", "1")), 1, "note")
                .image("chart", new byte[] {1, 2, 3}).render();

        // THEN text is escaped, the image is inline base64 (AQID = bytes 1, 2, 3) and nothing is fetched
        assertTrue(html.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"));
        assertTrue(html.contains("<td class=\"l\">x&lt;y</td><td>1</td>"));
        assertTrue(html.contains("src=\"data:image/png;base64,AQID\""));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));
        assertEquals("&amp;&lt;&gt;&quot;", HtmlReport.escape("&<>\""));
    }

    @Test
    void aTensorWhoseEntriesWereAllNonDifferentiableReadsNotChecked() {
        // GIVEN a check whose only tensor has 6 entries, all non-differentiable (nothing compared, nothing failed)
        TensorReport kinked = new TensorReport("input", "input", new int[] {2, 3}, 6, 0, 0, 0, new int[0], 0, 0, List.of(),
                Double.NaN, 6, List.of(), "full");
        CheckReport check = Reports.check("relu", "|a - n| <= 1e-05 + 0.001 * |n|", 6.06e-6, List.of(kinked));
        // WHEN rendered
        String html = new HtmlReport("report").check(check).render();
        // THEN its row counts the 6 kinks, shows no error or worst entry, and ends NOT CHECKED rather than PASS
        assertTrue(html.contains("<td>6</td><td>0</td><td>6</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>"
                + "<td class=\"unchecked\">NOT CHECKED</td></tr>"), html);
        assertTrue(html.contains("6 non-differentiable"), html);
    }

    @Test
    void tablesAreAccessibleAndNumbersDoNotWrap() {
        // GIVEN a captioned table  WHEN rendered
        String html = new HtmlReport("t").table("Numbers", List.of("name", "value"), List.of(List.of("x", "4.48295e-12")), 1, "").render();
        // THEN caption, column headers with scope, and a style that keeps right-aligned (number) cells on one line
        assertTrue(html.contains("<caption>Numbers</caption>"), html);
        assertTrue(html.contains("<th scope=\"col\" class=\"l\">name</th><th scope=\"col\">value</th>"), html);
        assertTrue(html.contains("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right;white-space:nowrap}"), html);
        // AND verdicts are marked (U+2714 check mark, U+2718 ballot x) as well as coloured
        assertTrue(html.contains(".pass::before{content:\"\\2714\\00a0\"}"), html);
        assertTrue(html.contains(".fail::before,.error::before{content:\"\\2718\\00a0\"}"), html);
    }
}
