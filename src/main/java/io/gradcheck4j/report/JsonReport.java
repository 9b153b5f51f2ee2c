package io.gradcheck4j.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Machine-readable renderings with stable field names (camelCase). Errors that could not be computed (NaN)
 * are written as {@code null}; indices are arrays of integers.
 *
 * <pre>
 * run:    {passed, seed, rule, step, cases, checks, passedCases, failedCases, nonDifferentiableEntries, inconclusiveEntries, results: [case...]}
 * case:   {name, kind, detail, passed, checks, seconds, error, nonDifferentiable, inconclusive, expectations: [comparison...], check: check|null,
 *          violations: [text], problems: [text], warnings: [text]}
 * check:  {subject, rule, step, passed, checked, failures, nonDifferentiable, inconclusive, adaptive, findings, tensors: [tensor...]}
 * tensor: {variable, location, shape, checked, failures, maxAbsError, maxRelError, worstIndex, worstAnalytic,
 *          worstNumeric, worstEstimate, worstStep, method, nonDifferentiable, inconclusive, adaptive, passed,
 *          mismatches|kinks|unresolved: [{variable, location, index, analytic, numeric, absError, relError, allowed,
 *          errorEstimate, step, verdict, note, message}]}
 * comparison: {quantity, shape, compared, failures, maxAbsError, maxRelError, worstIndex, worstExpected, worstActual,
 *          passed, mismatches: [{entry, expected, actual, absError, allowed, message}]}
 * </pre>
 *
 * <p>The text is Jackson's indented output ({@code ObjectMapper} with {@code INDENT_OUTPUT}), written by its
 * streaming generator, which starts in a fraction of the time an {@code ObjectMapper} takes.
 */
public final class JsonReport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();

    private JsonReport() {
    }

    /** A whole run. */
    public static String run(RunReport run) {
        return text(runNode(run));
    }

    /** One check report. */
    public static String check(CheckReport report) {
        return text(checkNode(report));
    }

    /** A whole run as a tree. */
    public static ObjectNode runNode(RunReport run) {
        ObjectNode n = NODES.objectNode();
        n.put("passed", run.passed());
        if (run.seed() == null) {
            n.putNull("seed");
        } else {
            n.put("seed", run.seed());
        }
        n.put("rule", run.rule());
        n.put("step", run.step());
        n.put("cases", run.cases().size());
        n.put("checks", run.checks());
        n.put("passedCases", run.passedCount());
        n.put("failedCases", run.failedCount());
        n.put("nonDifferentiableEntries", run.nonDifferentiableCount());
        n.put("inconclusiveEntries", run.inconclusiveCount());
        ArrayNode results = n.putArray("results");
        run.cases().forEach(c -> results.add(caseNode(c)));
        return n;
    }

    /** One case as a tree. */
    public static ObjectNode caseNode(CaseResult c) {
        ObjectNode n = NODES.objectNode();
        n.put("name", c.name());
        n.put("kind", c.kind().text());
        n.put("detail", c.detail());
        n.put("passed", c.passed());
        n.put("checks", c.checks());
        number(n, "seconds", c.seconds());
        n.put("error", c.error());
        n.put("nonDifferentiable", c.nonDifferentiable());
        n.put("inconclusive", c.inconclusive());
        ArrayNode expectations = n.putArray("expectations");
        for (ValueComparison v : c.expectations()) {
            ObjectNode e = expectations.addObject();
            e.put("quantity", v.quantity());
            ints(e.putArray("shape"), v.shape());
            e.put("compared", v.compared());
            e.put("failures", v.failures());
            number(e, "maxAbsError", v.maxAbsError());
            number(e, "maxRelError", v.maxRelError());
            ints(e.putArray("worstIndex"), v.worstIndex());
            number(e, "worstExpected", v.worstExpected());
            number(e, "worstActual", v.worstActual());
            e.put("passed", v.passed());
            ArrayNode mismatches = e.putArray("mismatches");
            for (ValueMismatch m : v.mismatches()) {
                ObjectNode mm = mismatches.addObject();
                mm.put("entry", m.entry());
                number(mm, "expected", m.expected());
                number(mm, "actual", m.actual());
                number(mm, "absError", m.absError());
                number(mm, "allowed", m.allowed());
                mm.put("message", m.message());
            }
        }
        if (c.check() == null) {
            n.putNull("check");
        } else {
            n.set("check", checkNode(c.check()));
        }
        ArrayNode violations = n.putArray("violations");
        c.violations().forEach(violations::add);
        ArrayNode problems = n.putArray("problems");
        c.problems().forEach(problems::add);
        ArrayNode warnings = n.putArray("warnings");
        c.warnings().forEach(warnings::add);
        return n;
    }

    /** One check report as a tree. */
    public static ObjectNode checkNode(CheckReport report) {
        ObjectNode n = NODES.objectNode();
        n.put("subject", report.subject());
        n.put("rule", report.rule());
        n.put("step", report.step());
        n.put("passed", report.passed());
        n.put("mode", report.mode().text());
        n.put("checked", report.checked());
        n.put("failures", report.failures());
        n.put("nonDifferentiable", report.nonDifferentiable());
        n.put("inconclusive", report.inconclusive());
        n.put("adaptive", report.adaptive());
        ArrayNode findings = n.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("kind", f.kind().name());
            fn.put("location", f.location());
            fn.put("error", f.isError());
            fn.put("message", f.message());
        }
        ArrayNode tensors = n.putArray("tensors");
        for (TensorReport t : report.tensors()) {
            ObjectNode tn = tensors.addObject();
            tn.put("variable", t.variable());
            tn.put("location", t.location());
            ints(tn.putArray("shape"), t.shape());
            tn.put("checked", t.checked());
            tn.put("failures", t.failures());
            number(tn, "maxAbsError", t.maxAbsError());
            number(tn, "maxRelError", t.maxRelError());
            ints(tn.putArray("worstIndex"), t.worstIndex());
            number(tn, "worstAnalytic", t.worstAnalytic());
            number(tn, "worstNumeric", t.worstNumeric());
            number(tn, "worstEstimate", t.worstEstimate());
            tn.put("method", t.method());
            tn.put("nonDifferentiable", t.nonDifferentiable());
            tn.put("inconclusive", t.inconclusive());
            tn.put("adaptive", t.adaptive());
            number(tn, "worstStep", t.worstStep());
            tn.put("passed", t.passed());
            entries(tn.putArray("mismatches"), t.mismatches());
            entries(tn.putArray("kinks"), t.kinks());
            entries(tn.putArray("unresolved"), t.unresolved());
        }
        return n;
    }

    private static void entries(ArrayNode out, List<Mismatch> entries) {
        for (Mismatch m : entries) {
            ObjectNode mm = out.addObject();
            mm.put("variable", m.variable());
            mm.put("location", m.location());
            ints(mm.putArray("index"), m.index());
            number(mm, "analytic", m.analytic());
            number(mm, "numeric", m.numeric());
            number(mm, "absError", m.absError());
            number(mm, "relError", m.relError());
            number(mm, "allowed", m.allowed());
            number(mm, "errorEstimate", m.errorEstimate());
            number(mm, "step", m.step());
            mm.put("verdict", m.verdict().name());
            mm.put("note", m.note());
            mm.put("message", m.message());
        }
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    private static void ints(ArrayNode a, int[] values) {
        for (int v : values) {
            a.add(v);
        }
    }

    /** A report tree ({@link #runNode}, {@link #checkNode}, a partial report...) as this report's text: indented, ending in a newline. */
    public static String text(ObjectNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }

    /** {@code node} as Jackson's tree serialization writes it: fields in insertion order, nothing left out. */
    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                g.writeFieldName(field.getKey());
                write(field.getValue(), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(element, g);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isInt()) {
            g.writeNumber(node.intValue());
        } else if (node.isLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isDouble()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isNull()) {
            g.writeNull();
        } else {
            throw new IllegalArgumentException("a report holds no " + node.getNodeType() + " node");
        }
    }
}
