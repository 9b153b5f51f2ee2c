package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.check.Shard;
import io.gradcheck4j.mutants.Mutants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * merge(shards 1/N ... N/N) is the unsharded check's report: same verdicts, counts, worst entries and listed
 * mismatches, on random correct networks and on random networks with a wrong backward rule planted.
 */
@GradientProperties
class ShardMergeProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Few listed mismatches, so that merging must pick the first ones across shards. */
    private static final int LISTED = 2;

    @Property(tries = 25, seed = "20261202")
    void mergedShardsEqualTheUnshardedReport(@ForAll("cases") NetworkCase c, @ForAll @IntRange(min = 1, max = 7) int count,
                                             @ForAll @IntRange(min = 1, max = 2) int threads) throws Exception {
        // GIVEN a full check and its N shards, the shards' partial reports written to JSON text and shuffled
        CheckOptions options = CheckOptions.defaults().withParallelism(threads).withMismatchesPerTensor(LISTED);
        JsonNode unsharded = withoutSeconds(JsonReport.runNode(run(new GradientChecker(options), c)));
        List<JsonNode> partials = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            GradientChecker checker = new GradientChecker(options, new Shard(i, count));
            String text = PartialReports.partial(run(checker, c), i, count, LISTED, checker::worstRatio).toString();
            partials.add(JSON.readTree(text));
        }
        Collections.shuffle(partials, new Random(count));
        // WHEN they are merged
        RunReport merged = PartialReports.merge(partials);
        // THEN the merged report is the unsharded one, field by field, and renders to the same table
        assertEquals(unsharded, withoutSeconds(JsonReport.runNode(merged)));
        assertEquals(TextReport.run(run(new GradientChecker(options), c)).replaceAll("\\d+\\.\\d{3}  ", ""),
                TextReport.run(merged).replaceAll("\\d+\\.\\d{3}  ", ""));
    }

    @Example
    void aMissingOrRepeatedShardIsRejectedNamingIt() {
        // GIVEN shards 1/3 and 3/3 of one check, and shard 1/3 twice
        NetworkCase c = Networks.mlps().generator(100).next(new Random(7)).value();
        CheckOptions options = CheckOptions.defaults().withParallelism(1);
        List<JsonNode> partials = new ArrayList<>();
        for (int i : new int[] {1, 3, 1}) {
            GradientChecker checker = new GradientChecker(options, new Shard(i, 3));
            partials.add(PartialReports.partial(run(checker, c), i, 3, 10, checker::worstRatio));
        }
        // WHEN merged THEN the missing and the repeated shard are named
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> PartialReports.merge(partials.subList(0, 2)));
        assertEquals("shard 2/3 is missing", missing.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> PartialReports.merge(partials));
        assertEquals("shard 1/3 given twice", twice.getMessage());
    }

    @Example
    void shardsPartitionEveryTensorsEntries() {
        // GIVEN tensors of 5, 0 and 7 entries one after the other (offsets 0, 5, 5) and 3 shards
        int[] sizes = {5, 0, 7};
        // WHEN each shard's entries are collected
        List<List<Integer>> seen = new ArrayList<>();
        long offset = 0;
        for (int size : sizes) {
            List<Integer> all = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                for (int e : new Shard(i, 3).entries(offset, size)) {
                    all.add(e);
                    assertEquals(i - 1, (offset + e) % 3, "entry " + e + " of the tensor at offset " + offset + " in shard " + i);
                }
            }
            Collections.sort(all);
            seen.add(all);
            offset += size;
        }
        // THEN every entry is in exactly one shard
        assertEquals(List.of(List.of(0, 1, 2, 3, 4), List.of(), List.of(0, 1, 2, 3, 4, 5, 6)), seen);
    }

    @Provide
    Arbitrary<NetworkCase> cases() {
        Arbitrary<NetworkCase> planted = Arbitraries.of(Mutants.catalog()).flatMap(m -> m.cases().apply(Networks.mlps()).map(m.plant()));
        return Arbitraries.oneOf(Networks.mlps(), planted);
    }

    private static RunReport run(GradientChecker checker, NetworkCase c) {
        CaseResult result = new CaseResult(CaseResult.Kind.NETWORK, "case", c.toString().lines().findFirst().orElse(""), List.of(),
                checker.check(c.function()), null).withSeconds(0.5);
        return new RunReport(null, checker.options().tolerance().describe(), checker.options().relativeStep(), List.of(result));
    }

    private static JsonNode withoutSeconds(ObjectNode run) {
        run.get("results").forEach(r -> ((ObjectNode) r).remove("seconds"));
        assertTrue(run.get("results").size() > 0);
        return run;
    }
}
