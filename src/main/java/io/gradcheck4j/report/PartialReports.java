package io.gradcheck4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reports of a full check split into N shards ({@code check --shard I/N}), and their merge into the report
 * of the unsharded run. A partial report is the JSON run report ({@link JsonReport}) of one shard plus
 * {@code "shard": {index, count, mismatchesPerTensor}} and, per tensor, {@code "worstRatio"}: |a - n| / allowed
 * at its worst entry (null when the shard compared no differentiable entry of it).
 *
 * <p>Merging per tensor: entries, failures and non-differentiable entries add up; max |a - n| and max relative
 * error are maxima (NaN wins, as in the unsharded fold); the worst entry is the one with the largest ratio,
 * the lowest index on ties (the unsharded check keeps the first in index order); the listed mismatches and
 * kinks are the first {@code mismatchesPerTensor} of all shards' lists in index order (each shard lists its
 * first ones, so together they hold the unsharded run's first ones). Expected values, diagnostics and
 * violations are computed whole in every shard and taken from the first; a finding is kept once (for a
 * non-finite finite difference: the one at the lowest index); an error in any shard is the case's error.
 * The seconds of a case are the sum over shards.
 */
public final class PartialReports {
    private static final Pattern INDEX = Pattern.compile("index \\[([0-9, ]*)]");

    private PartialReports() {
    }

    /**
     * The partial report of shard {@code index}/{@code count}: {@code worstRatio} gives |a - n| / allowed at a
     * tensor's worst entry, {@code listed} is how many mismatches each tensor lists.
     */
    public static ObjectNode partial(RunReport run, int index, int count, int listed, ToDoubleFunction<TensorReport> worstRatio) {
        ObjectNode n = JsonReport.runNode(run);
        ObjectNode shard = n.putObject("shard");
        shard.put("index", index);
        shard.put("count", count);
        shard.put("mismatchesPerTensor", listed);
        ArrayNode results = (ArrayNode) n.get("results");
        for (int c = 0; c < run.cases().size(); c++) {
            CheckReport check = run.cases().get(c).check();
            if (check == null) {
                continue;
            }
            ArrayNode tensors = (ArrayNode) results.get(c).get("check").get("tensors");
            for (int t = 0; t < check.tensors().size(); t++) {
                TensorReport r = check.tensors().get(t);
                ObjectNode tn = (ObjectNode) tensors.get(t);
                if (r.checked() - r.nonDifferentiable() == 0) {
                    tn.putNull("worstRatio");
                } else {
                    double ratio = worstRatio.applyAsDouble(r);
                    if (Double.isFinite(ratio)) {
                        tn.put("worstRatio", ratio);
                    } else {
                        tn.put("worstRatio", String.valueOf(ratio));
                    }
                }
            }
        }
        return n;
    }

    /**
     * The unsharded run's report from the partial reports of shards 1/N ... N/N (any order).
     *
     * @throws IllegalArgumentException when they are not the N shards of one run (missing or repeated shard,
     *                                  other cases, rule or step); the message says which
     */
    public static RunReport merge(List<JsonNode> partials) {
        if (partials.isEmpty()) {
            throw new IllegalArgumentException("no partial reports given");
        }
        List<JsonNode> shards = ordered(partials);
        JsonNode first = shards.get(0);
        int listed = first.get("shard").get("mismatchesPerTensor").asInt();
        List<CaseResult> cases = new ArrayList<>();
        for (int c = 0; c < first.get("results").size(); c++) {
            List<JsonNode> parts = new ArrayList<>();
            for (JsonNode s : shards) {
                parts.add(s.get("results").get(c));
            }
            cases.add(mergeCase(parts, listed));
        }
        Long seed = first.get("seed").isNull() ? null : first.get("seed").asLong();
        return new RunReport(seed, first.get("rule").asText(), first.get("step").asDouble(), cases);
    }

    /** The shards sorted by index, after checking they are 1..N of one run. */
    private static List<JsonNode> ordered(List<JsonNode> partials) {
        JsonNode[] byIndex = null;
        JsonNode reference = null;
        for (JsonNode p : partials) {
            JsonNode shard = p.get("shard");
            if (shard == null || p.get("results") == null) {
                throw new IllegalArgumentException("not a partial report of check --shard (no \"shard\" field)");
            }
            int index = shard.get("index").asInt();
            int count = shard.get("count").asInt();
            if (byIndex == null) {
                byIndex = new JsonNode[count];
                reference = p;
            } else if (count != byIndex.length) {
                throw new IllegalArgumentException("shards of different splits: " + byIndex.length + " and " + count + " shards");
            }
            if (index < 1 || index > count || byIndex[index - 1] != null) {
                throw new IllegalArgumentException("shard " + index + "/" + count + " given " + (index < 1 || index > count ? "out of range" : "twice"));
            }
            if (!sameRun(reference, p)) {
                throw new IllegalArgumentException("shard " + index + "/" + count + " is not from the same run as shard "
                        + reference.get("shard").get("index").asInt() + " (other cases, rule or step)");
            }
            byIndex[index - 1] = p;
        }
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] == null) {
                throw new IllegalArgumentException("shard " + (i + 1) + "/" + byIndex.length + " is missing");
            }
        }
        return Arrays.asList(byIndex);
    }

    private static boolean sameRun(JsonNode a, JsonNode b) {
        if (!a.get("rule").equals(b.get("rule")) || !a.get("step").equals(b.get("step")) || !a.get("seed").equals(b.get("seed"))
                || a.get("results").size() != b.get("results").size()
                || a.get("shard").get("mismatchesPerTensor").asInt() != b.get("shard").get("mismatchesPerTensor").asInt()) {
            return false;
        }
        for (int c = 0; c < a.get("results").size(); c++) {
            if (!a.get("results").get(c).get("name").equals(b.get("results").get(c).get("name"))) {
                return false;
            }
        }
        return true;
    }

    private static CaseResult mergeCase(List<JsonNode> parts, int listed) {
        JsonNode first = parts.get(0);
        String error = null;
        double seconds = 0;
        for (JsonNode p : parts) {
            if (error == null && !p.get("error").isNull()) {
                error = p.get("error").asText();
            }
            seconds += number(p.get("seconds"));
        }
        List<ValueComparison> expectations = new ArrayList<>();
        first.get("expectations").forEach(e -> expectations.add(comparison(e)));
        List<String> violations = new ArrayList<>();
        first.get("violations").forEach(v -> violations.add(v.asText()));
        CheckReport check = null;
        if (error == null && !first.get("check").isNull()) {
            check = mergeCheck(parts.stream().map(p -> p.get("check")).toList(), listed);
        }
        return new CaseResult(CaseResult.Kind.of(first.get("kind").asText()), first.get("name").asText(), first.get("detail").asText(),
                expectations, check, error, violations, seconds);
    }

    private static CheckReport mergeCheck(List<JsonNode> checks, int listed) {
        JsonNode first = checks.get(0);
        List<TensorReport> tensors = new ArrayList<>();
        for (int t = 0; t < first.get("tensors").size(); t++) {
            int k = t;
            tensors.add(mergeTensor(checks.stream().map(c -> c.get("tensors").get(k)).toList(), listed));
        }
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (JsonNode c : checks) {
            for (JsonNode f : c.get("findings")) {
                Finding finding = new Finding(Finding.Kind.valueOf(f.get("kind").asText()), f.get("location").asText(), f.get("message").asText());
                boolean nonFinite = finding.kind() == Finding.Kind.NON_FINITE_NUMERIC;
                String key = finding.kind() + "\n" + finding.location() + (nonFinite ? "" : "\n" + finding.message());
                Finding kept = findings.get(key);
                if (kept == null || nonFinite && compareIndex(finding.message(), kept.message()) < 0) {
                    findings.put(key, finding);
                }
            }
        }
        return new CheckReport(first.get("subject").asText(), first.get("rule").asText(), first.get("step").asDouble(),
                tensors, CheckedMode.parse(first.get("mode").asText()), List.copyOf(findings.values()));
    }

    private static TensorReport mergeTensor(List<JsonNode> parts, int listed) {
        JsonNode first = parts.get(0);
        int[] shape = ints(first.get("shape"));
        int checked = 0;
        int failures = 0;
        int nonDifferentiable = 0;
        int inconclusive = 0;
        int adaptive = 0;
        double maxAbs = 0;
        double maxRel = 0;
        JsonNode worst = null;
        double worstRatio = Double.NEGATIVE_INFINITY;
        List<Mismatch> mismatches = new ArrayList<>();
        List<Mismatch> kinks = new ArrayList<>();
        List<Mismatch> unresolved = new ArrayList<>();
        for (JsonNode p : parts) {
            checked += p.get("checked").asInt();
            failures += p.get("failures").asInt();
            nonDifferentiable += p.get("nonDifferentiable").asInt();
            inconclusive += p.get("inconclusive").asInt();
            adaptive += p.get("adaptive").asInt();
            maxAbs = maxWithNaN(maxAbs, number(p.get("maxAbsError")));
            maxRel = maxWithNaN(maxRel, number(p.get("maxRelError")));
            JsonNode ratioNode = p.get("worstRatio");
            if (ratioNode != null && !ratioNode.isNull()) {
                double ratio = ratioNode.isNumber() ? ratioNode.asDouble() : Double.parseDouble(ratioNode.asText());
                if (worst == null || ratio > worstRatio
                        || ratio == worstRatio && flat(shape, ints(p.get("worstIndex"))) < flat(shape, ints(worst.get("worstIndex")))) {
                    worst = p;
                    worstRatio = ratio;
                }
            }
            p.get("mismatches").forEach(m -> mismatches.add(mismatch(m)));
            p.get("kinks").forEach(m -> kinks.add(mismatch(m)));
            p.get("unresolved").forEach(m -> unresolved.add(mismatch(m)));
        }
        JsonNode w = worst == null ? first : worst;
        return new TensorReport(first.get("variable").asText(), first.get("location").asText(), shape, checked, failures,
                maxAbs, maxRel, ints(w.get("worstIndex")), number(w.get("worstAnalytic")), number(w.get("worstNumeric")),
                firstInIndexOrder(mismatches, shape, listed), number(w.get("worstEstimate")), nonDifferentiable,
                firstInIndexOrder(kinks, shape, listed), first.get("method").asText(), inconclusive,
                firstInIndexOrder(unresolved, shape, listed), adaptive, number(w.get("worstStep")));
    }

    private static List<Mismatch> firstInIndexOrder(List<Mismatch> entries, int[] shape, int listed) {
        return entries.stream().sorted(Comparator.comparingLong(m -> flat(shape, m.index()))).limit(listed).toList();
    }

    private static Mismatch mismatch(JsonNode m) {
        return new Mismatch(m.get("variable").asText(), m.get("location").asText(), ints(m.get("index")), number(m.get("analytic")),
                number(m.get("numeric")), number(m.get("absError")), number(m.get("relError")), number(m.get("allowed")),
                number(m.get("errorEstimate")), Verdict.valueOf(m.get("verdict").asText()), m.get("note").asText(),
                number(m.get("step")));
    }

    private static ValueComparison comparison(JsonNode e) {
        List<ValueMismatch> mismatches = new ArrayList<>();
        for (JsonNode m : e.get("mismatches")) {
            mismatches.add(new ValueMismatch(m.get("entry").asText(), number(m.get("expected")), number(m.get("actual")),
                    number(m.get("absError")), number(m.get("allowed"))));
        }
        return new ValueComparison(e.get("quantity").asText(), ints(e.get("shape")), e.get("compared").asInt(), e.get("failures").asInt(),
                number(e.get("maxAbsError")), number(e.get("maxRelError")), ints(e.get("worstIndex")), number(e.get("worstExpected")),
                number(e.get("worstActual")), mismatches);
    }

    /** Orders two NON_FINITE_NUMERIC messages by the index they name (a projection probe, naming none, first). */
    private static int compareIndex(String a, String b) {
        return Long.compare(indexKey(a), indexKey(b));
    }

    private static long indexKey(String message) {
        Matcher m = INDEX.matcher(message);
        if (!m.find()) {
            return -1;
        }
        long key = 0;
        for (String part : m.group(1).split(",")) {
            if (!part.isBlank()) {
                key = key * 1_000_003L + Long.parseLong(part.strip());
            }
        }
        return key;
    }

    private static long flat(int[] shape, int[] index) {
        long flat = 0;
        for (int d = 0; d < index.length; d++) {
            flat = flat * (d < shape.length ? shape[d] : 1) + index[d];
        }
        return flat;
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double maxWithNaN(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }
}
