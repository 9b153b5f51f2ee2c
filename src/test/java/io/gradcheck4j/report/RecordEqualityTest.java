package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordEqualityTest {

    private static Mismatch entry(String location, double relError, double allowed, String note, double step) {
        return new Mismatch("w", location, new int[] {1, 2}, 0.5, 0.25, 0.25, relError, allowed, Double.NaN, Verdict.FAIL, note, step);
    }

    private static Mismatch entry() {
        return entry("layer 0 (affine) parameter weight", 0.5, 1e-3, "", 1e-6);
    }

    private static TensorReport tensor(String location, int[] shape, double maxRel, double worstAnalytic, double worstNumeric, double worstStep) {
        return new TensorReport("w", location, shape, 6, 1, 0.25, maxRel, new int[] {1, 2}, worstAnalytic, worstNumeric,
                List.of(entry()), Double.NaN, 0, List.of(), "full", 0, List.of(), 0, worstStep);
    }

    private static TensorReport tensor() {
        return tensor("layer 0 (affine) parameter weight", new int[] {2, 3}, 0.5, 0.5, 0.25, 1e-6);
    }

    @Test
    void tensorReportsAreEqualOnEveryComponent() {
        // GIVEN two reports built from equal components (fresh arrays, NaN estimates)
        TensorReport a = tensor();
        TensorReport b = tensor();
        // THEN they are equal with equal hashes
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        // AND a difference in any of the components the old equals ignored makes them differ
        assertNotEquals(a, tensor("layer 1 (affine) parameter weight", new int[] {2, 3}, 0.5, 0.5, 0.25, 1e-6));
        assertNotEquals(a, tensor("layer 0 (affine) parameter weight", new int[] {3, 2}, 0.5, 0.5, 0.25, 1e-6));
        assertNotEquals(a, tensor("layer 0 (affine) parameter weight", new int[] {2, 3}, 0.4, 0.5, 0.25, 1e-6));
        assertNotEquals(a, tensor("layer 0 (affine) parameter weight", new int[] {2, 3}, 0.5, 0.6, 0.25, 1e-6));
        assertNotEquals(a, tensor("layer 0 (affine) parameter weight", new int[] {2, 3}, 0.5, 0.5, 0.35, 1e-6));
        assertNotEquals(a, tensor("layer 0 (affine) parameter weight", new int[] {2, 3}, 0.5, 0.5, 0.25, 2e-6));
    }

    @Test
    void mismatchesAreEqualOnEveryComponent() {
        // GIVEN two entries built from equal components
        assertEquals(entry(), entry());
        assertEquals(entry().hashCode(), entry().hashCode());
        // THEN a different location, relative error, bound, note or step makes them differ
        assertNotEquals(entry(), entry("input x", 0.5, 1e-3, "", 1e-6));
        assertNotEquals(entry(), entry("layer 0 (affine) parameter weight", 0.4, 1e-3, "", 1e-6));
        assertNotEquals(entry(), entry("layer 0 (affine) parameter weight", 0.5, 2e-3, "", 1e-6));
        assertNotEquals(entry(), entry("layer 0 (affine) parameter weight", 0.5, 1e-3, "relu changed branch", 1e-6));
        assertNotEquals(entry(), entry("layer 0 (affine) parameter weight", 0.5, 1e-3, "", Double.NaN));
    }

    @Test
    void valueComparisonsAreEqualOnEveryComponent() {
        // GIVEN comparisons differing only in max relative error, worst expected or worst actual value
        ValueComparison v = new ValueComparison("loss", new int[0], 1, 0, 0.0, 0.0, new int[0], 1.5, 1.5, List.of());
        // THEN equal components give equal comparisons, and each difference makes them differ
        assertEquals(v, new ValueComparison("loss", new int[0], 1, 0, 0.0, 0.0, new int[0], 1.5, 1.5, List.of()));
        assertEquals(v.hashCode(), new ValueComparison("loss", new int[0], 1, 0, 0.0, 0.0, new int[0], 1.5, 1.5, List.of()).hashCode());
        assertNotEquals(v, new ValueComparison("loss", new int[0], 1, 0, 0.0, 1e-3, new int[0], 1.5, 1.5, List.of()));
        assertNotEquals(v, new ValueComparison("loss", new int[0], 1, 0, 0.0, 0.0, new int[0], 2.5, 1.5, List.of()));
        assertNotEquals(v, new ValueComparison("loss", new int[0], 1, 0, 0.0, 0.0, new int[0], 1.5, 2.5, List.of()));
    }

    @Test
    void caseResultsIgnoreOnlyTheWallTime() {
        // GIVEN a case, the same case timed, and one of another kind
        CaseResult c = new CaseResult(CaseResult.Kind.NETWORK, "n", "n.json", List.of(), Reports.check("f", "rule", 1e-6, List.of(tensor())), null);
        // THEN the wall time, which differs from run to run, does not count; the kind does
        assertEquals(c, c.withSeconds(1.25));
        assertEquals(c.hashCode(), c.withSeconds(1.25).hashCode());
        assertNotEquals(c, new CaseResult(CaseResult.Kind.CIRCUIT, "n", "n.json", List.of(), c.check(), null));
    }

    @Test
    void caseKindsAreSpelledAsFixturesSpellThem() {
        // GIVEN the spellings of fixtures and reports  WHEN read  THEN each names its kind, and back
        for (CaseResult.Kind k : CaseResult.Kind.values()) {
            assertEquals(k, CaseResult.Kind.of(k.text()));
        }
        assertEquals("circuit", CaseResult.Kind.CIRCUIT.text());
        assertEquals("unknown case kind \"function\" (expected network, circuit or layer)",
                assertThrows(IllegalArgumentException.class, () -> CaseResult.Kind.of("function")).getMessage());
    }

    @Test
    void aCheckedModeIsReadBackFromItsText() {
        // GIVEN the texts reports state  WHEN parsed  THEN the kind is the first word and the text is kept
        assertEquals(CheckedMode.of(CheckedMode.Kind.FULL), CheckedMode.parse("FULL"));
        assertEquals(new CheckedMode(CheckedMode.Kind.SAMPLED, "SAMPLED (20 per tensor, seed 7)"), CheckedMode.parse("SAMPLED (20 per tensor, seed 7)"));
        CheckedMode projected = CheckedMode.parse("FAST (3 probes per tensor, seed 7), outputs projected on a random unit v");
        assertEquals(CheckedMode.Kind.FAST, projected.kind());
        assertEquals("FAST (3 probes per tensor, seed 7), outputs projected on a random unit v; x",
                projected.followedBy("; x").text());
        // AND a text that does not start with its kind is refused
        assertEquals("the mode text must start with its kind FAST, got FULL",
                assertThrows(IllegalArgumentException.class, () -> new CheckedMode(CheckedMode.Kind.FAST, "FULL")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CheckedMode.parse("FULLY"));
    }
}
