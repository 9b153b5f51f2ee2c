package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradcheck4j.arbitraries.GradientProperties;
import io.gradcheck4j.arbitraries.NetworkCase;
import io.gradcheck4j.arbitraries.Networks;
import io.gradcheck4j.check.CheckOptions;
import io.gradcheck4j.check.GradientChecker;
import io.gradcheck4j.mutants.Mutants;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The JSON text of a report is what Jackson's {@code ObjectMapper} with {@code INDENT_OUTPUT} writes for its
 * tree, byte for byte (a partial report's: {@code toPrettyString()}): on the checks of random correct networks
 * and of networks with a wrong backward rule planted (mismatches listed), and on hand-built reports holding every kind of value (null, NaN, negative
 * zero, long seeds, text that needs escaping).
 */
@GradientProperties
class JsonReportTextProperties {
    private static final ObjectMapper REFERENCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Property(tries = 20, seed = "20261202")
    void runTextIsObjectMappersIndentedOutput(@ForAll("cases") NetworkCase c) throws Exception {
        // GIVEN the run of one check, correct or with a planted wrong rule
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(1).withMismatchesPerTensor(3));
        CaseResult result = new CaseResult(CaseResult.Kind.NETWORK, "case", "network", List.of(), checker.check(c.function()), null)
                .withSeconds(0.25);
        RunReport run = new RunReport(7L, checker.options().tolerance().describe(), checker.options().relativeStep(), List.of(result));
        // WHEN / THEN
        assertEquals(REFERENCE.writeValueAsString(JsonReport.runNode(run)) + "\n", JsonReport.run(run));
        assertEquals(REFERENCE.writeValueAsString(JsonReport.checkNode(result.check())) + "\n", JsonReport.check(result.check()));
        ObjectNode partial = PartialReports.partial(run, 2, 3, 3, checker::worstRatio);
        assertEquals(partial.toPrettyString() + "\n", JsonReport.text(partial));
    }

    @Example
    void everyKindOfValueIsWrittenAsObjectMapperWritesIt() throws Exception {
        // GIVEN a run with an error case, NaN and negative zero errors, an engine mismatch and text needing escapes
        Mismatch m = Reports.mismatch("w\"eight", "layers[0] \u00e9\t", new int[] {1, 2}, -0.0, 1e-300, Double.NaN, 0.5, 1e10);
        TensorReport t = Reports.tensor("weight", "layers[0]", new int[] {2, 3}, 6, 1, 0.1, Double.POSITIVE_INFINITY,
                new int[] {1, 2}, -0.0, 3.0, List.of(m));
        ValueComparison v = new ValueComparison("output", new int[] {2}, 2, 1, 0.25, Double.NaN, new int[] {1}, 1.0, 1.25,
                List.of(new ValueMismatch("output[1]", 1.0, 1.25, 0.25, 1e-7)));
        CaseResult checked = new CaseResult(CaseResult.Kind.NETWORK, "net \\ 1", "file.json", List.of(v),
                Reports.check("f", "rule", 1e-6, List.of(t)), null).withSeconds(Double.NaN);
        CaseResult broken = new CaseResult(CaseResult.Kind.NETWORK, "broken", "", List.of(), null, "layer \"x\" threw\nbadly");
        RunReport run = new RunReport(Long.MIN_VALUE, "pytorch", 6.055454452393343e-6, List.of(checked, broken));
        RunReport unseeded = new RunReport(null, "pytorch", 1e-5, List.of());
        // WHEN / THEN
        assertEquals(REFERENCE.writeValueAsString(JsonReport.runNode(run)) + "\n", JsonReport.run(run));
        assertEquals(REFERENCE.writeValueAsString(JsonReport.runNode(unseeded)) + "\n", JsonReport.run(unseeded));
    }

    @Provide
    Arbitrary<NetworkCase> cases() {
        Arbitrary<NetworkCase> planted = Arbitraries.of(Mutants.catalog()).flatMap(m -> m.cases().apply(Networks.mlps()).map(m.plant()));
        return Arbitraries.oneOf(Networks.mlps(), planted);
    }
}
