package io.gradcheck4j.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML page (inline CSS, images embedded as base64 PNG, no scripts, no external links), so
 * a report opens offline and can be attached to a CI run. Sections are appended in order: paragraphs,
 * tables, images, the details of gradient checks (per-tensor summary and every listed mismatch) and whole
 * runs.
 *
 * <p>Read by people: verdicts are coloured and marked for readers who cannot tell the colours apart
 * (&#x2714; PASS, &#x2718; FAIL, &#x2718; ERROR, &#x25cb; NOT CHECKED, drawn by the style sheet so the text stays the
 * verdict word); numbers never wrap inside a token; every table has a caption and column headers with
 * {@code scope}; a tensor whose entries were all non-differentiable reads NOT CHECKED, not as a pass.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
            h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:1em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right;white-space:nowrap}
            th{background:#f0f0f0}td.l,th.l{text-align:left;white-space:normal;overflow-wrap:anywhere}
            caption{text-align:left;font-weight:bold;padding:.3em 0}
            .pass{color:#176e2a;font-weight:bold}.fail,.error{color:#b00020;font-weight:bold}.unchecked{color:#8a5a00;font-weight:bold}
            td.pass{background:#e3f2e6}td.fail,td.error{background:#fde4e7}td.unchecked{background:#fff4d6}
            .pass::before{content:"\\2714\\00a0"}.fail::before,.error::before{content:"\\2718\\00a0"}.unchecked::before{content:"\\25cb\\00a0"}
            .note{color:#555;font-size:.85em}img{max-width:100%;border:1px solid #ddd}
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();

    /** An empty report with a title. */
    public HtmlReport(String title) {
        this.title = title;
    }

    /** A section heading. */
    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A paragraph of plain text. */
    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /**
     * A table; the first {@code leftColumns} columns are left-aligned (text), the others right-aligned
     * (numbers). An empty footnote is left out.
     */
    public HtmlReport table(List<String> headings, List<List<String>> rows, int leftColumns, String footnote) {
        return table("", headings, rows, leftColumns, footnote);
    }

    /**
     * A table with a caption (left out when empty); cells that are a verdict (PASS, FAIL, ERROR, NOT CHECKED) are
     * coloured and marked.
     */
    public HtmlReport table(String caption, List<String> headings, List<List<String>> rows, int leftColumns, String footnote) {
        body.append("<table>\n");
        if (!caption.isEmpty()) {
            body.append("<caption>").append(escape(caption)).append("</caption>\n");
        }
        body.append("<tr>");
        for (int c = 0; c < headings.size(); c++) {
            body.append(c < leftColumns ? "<th scope=\"col\" class=\"l\">" : "<th scope=\"col\">").append(escape(headings.get(c))).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String verdict = verdictClass(row.get(c));
                body.append(c < leftColumns ? "<td class=\"l\">" : verdict.isEmpty() ? "<td>" : "<td class=\"" + verdict + "\">")
                        .append(escape(row.get(c))).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        if (!footnote.isEmpty()) {
            body.append("<p class=\"note\">").append(escape(footnote)).append("</p>\n");
        }
        return this;
    }

    /** A PNG image embedded as a data URI. */
    public HtmlReport image(String alt, byte[] png) {
        body.append("<p><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"></p>\n");
        return this;
    }

    /** A gradient check headed by its subject: verdict, one line per tensor, then every listed mismatch. */
    public HtmlReport check(CheckReport report) {
        return check("Gradient check: " + report.subject(), report);
    }

    /** A gradient check under {@code title}: verdict, one line per tensor, then every listed mismatch. */
    public HtmlReport check(String title, CheckReport report) {
        body.append("<h2>").append(escape(title)).append("</h2>\n<p>")
                .append(verdict(report.passed() ? "PASS" : report.onlyInconclusive() ? "INCONCLUSIVE" : "FAIL"))
                .append(escape(Numbers.format(" — %,d entries checked, %,d failed, %,d non-differentiable, %,d could not be verified (inconclusive); rule %s, step %.3g",
                        report.checked(), report.failures(), report.nonDifferentiable(), report.inconclusive(), report.rule(), report.step())))
                .append("</p>\n");
        List<List<String>> rows = report.tensors().stream().map(HtmlReport::tensorCells).toList();
        table("Tensors", List.of("variable", "location", "shape", "checked", "failed", "kinks", "max |a - n|", "max rel. error",
                "worst entry", "analytic there", "numeric there", "result"), rows, 2, "");
        List<Mismatch> mismatches = report.mismatches();
        if (!mismatches.isEmpty()) {
            List<List<String>> lines = mismatches.stream().map(m -> List.of(m.location(), Arrays.toString(m.index()),
                    number(m.analytic()), number(m.numeric()), number(m.absError()), number(m.allowed()), number(m.relError()))).toList();
            table("Mismatches: each tensor's first failing entries, in index order (\"failed\" above counts them all)",
                    List.of("location", "index", "analytic a", "numeric n", "|a - n|", "allowed", "rel. error"), lines, 1, "");
        }
        List<String> warnings = new ArrayList<>();
        report.findings().stream().filter(f -> !f.isError()).forEach(f -> warnings.add("warning: " + f));
        report.unresolved().forEach(m -> warnings.add(m.message()));
        list(warnings);
        return this;
    }

    /**
     * A whole run (the main job or {@code check}): the verdict line, one table row per case (as in the text
     * report), every problem, then the per-tensor details of each failing case's gradient check.
     */
    public HtmlReport run(RunReport run) {
        String summary = TextReport.summary(run);
        int colon = summary.indexOf(':');
        body.append("<p>").append(verdict(summary.substring(0, colon))).append(escape(summary.substring(colon))).append("</p>\n");
        paragraph("Finite differences with step " + Numbers.error(run.step()) + ", rule " + run.rule()
                + (run.seed() == null ? "" : ", seed " + run.seed()) + ".");
        List<List<String>> rows = run.cases().stream().map(TextReport::cells).toList();
        table("Cases", List.of("case", "kind", "detail", "checks", "max |engine - expected|", "max |analytic - numeric|", "seconds", "result"), rows, 3, "");
        List<String> problems = run.cases().stream().flatMap(c -> c.problems().stream()).toList();
        if (!problems.isEmpty()) {
            heading("Problems");
            body.append("<ul>\n");
            problems.forEach(p -> body.append("<li>").append(escape(p)).append("</li>\n"));
            body.append("</ul>\n");
        }
        List<String> warnings = run.cases().stream().flatMap(c -> c.warnings().stream()).toList();
        if (!warnings.isEmpty()) {
            heading("Warnings");
            list(warnings);
        }
        for (CaseResult c : run.cases()) {
            if (!c.passed() && c.check() != null) {
                check(c.name() + ": " + c.check().subject(), c.check());
            }
        }
        return this;
    }

    /** A bulleted list; nothing when empty. */
    private void list(List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        body.append("<ul>\n");
        items.forEach(i -> body.append("<li>").append(escape(i)).append("</li>\n"));
        body.append("</ul>\n");
    }

    /** The page. */
    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
                + body + "</body>\n</html>\n";
    }

    /** Escapes &amp;, &lt;, &gt; and quotes. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * One tensor's row. A tensor none of whose checked entries could be compared (every one non-differentiable)
     * is NOT CHECKED, with no error, worst entry or values: it did not pass anything.
     */
    private static List<String> tensorCells(TensorReport t) {
        boolean unchecked = t.checked() > 0 && t.nonDifferentiable() >= t.checked();
        String none = "-";
        return List.of(t.variable(), t.location(), Arrays.toString(t.shape()), Numbers.format("%,d", t.checked()),
                Numbers.format("%,d", t.failures()), Numbers.format("%,d", t.nonDifferentiable()),
                unchecked ? none : number(t.maxAbsError()), unchecked ? none : number(t.maxRelError()),
                unchecked ? none : Arrays.toString(t.worstIndex()), unchecked ? none : number(t.worstAnalytic()),
                unchecked ? none : number(t.worstNumeric()), unchecked ? "NOT CHECKED" : t.passed() ? "PASS" : "FAIL");
    }

    /** A verdict word in its style: colour, and a mark before it (check, cross, circle) so that colour is never all that tells. */
    private static String verdict(String word) {
        return "<span class=\"" + verdictClass(word) + "\">" + word + "</span>";
    }

    /** The style class of a verdict cell, or "" for any other text. */
    private static String verdictClass(String text) {
        return switch (text) {
            case "PASS" -> "pass";
            case "FAIL" -> "fail";
            case "ERROR" -> "error";
            case "NOT CHECKED", "INCONCLUSIVE" -> "unchecked";
            default -> "";
        };
    }

    private static String number(double v) {
        return Numbers.format("%.6g", v);
    }
}
