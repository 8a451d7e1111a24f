package dev.stepwise.prover.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every row of every shipped dataset loads, with the counts and fields the READMEs promise. */
class ShippedDatasetsTest {

    private final DatasetCatalog catalog = new DatasetCatalog(CliHarness.repoRoot());

    private static final Map<String, Integer> EXPECTED = Map.of(
            "minif2f-test", 244, "minif2f-valid", 244,
            "minif2f-test-deepseek", 244, "minif2f-valid-deepseek", 244,
            "minif2f-core-candidates", 116,
            "proofnet-test", 185, "proofnet-valid", 182,
            "proofnet-test-deepseek", 186, "proofnet-valid-deepseek", 185,
            "examples", 11);

    @Test
    void everyCatalogEntryLoadsWithItsExpectedCount() {
        Set<String> names = new HashSet<>();
        for (DatasetCatalog.Entry e : catalog.entries()) {
            names.add(e.name());
            List<Problem> problems = catalog.load(e.name());
            assertEquals(EXPECTED.get(e.name()), problems.size(), e.name());
            Set<String> unique = new HashSet<>();
            for (Problem p : problems) {
                assertTrue(unique.add(p.name()), "duplicate " + p.name() + " in " + e.name());
                assertTrue(p.formalStatement().endsWith(":= by"), p.name());
                // The core-only candidates are the one set meant to run without Mathlib.
                assertEquals(!e.name().equals("minif2f-core-candidates"), p.header().contains("import Mathlib"), p.name());
                assertTrue(p.toLeanFile().endsWith(":= by\n  sorry\n"), p.name());
            }
        }
        assertEquals(EXPECTED.keySet(), names);
    }

    @Test
    void knownRowsHaveTheirRecordedValues() {
        Problem p = catalog.load("minif2f-test").stream().filter(x -> x.name().equals("mathd_algebra_478")).findFirst().orElseThrow();
        assertEquals("test", p.split());
        assertEquals("import Mathlib\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n", p.header());
        assertTrue(p.formalStatement().startsWith("theorem mathd_algebra_478"));
        assertTrue(p.informalStatement().startsWith("The volume of a cone"));
        assertTrue(p.source().startsWith("yangky11/miniF2F-lean4@5746b7d6c478:MiniF2F/Test/"), p.source());
    }

    @Test
    void knownDuplicatesAndTermModeStatementsAreNormalised() {
        ProblemSet proofnet = catalog.loadSet("proofnet-test");
        assertTrue(proofnet.problems().stream().anyMatch(p -> p.name().equals("Rudin_exercise_4_8a~2")));
        ProblemSet deepseek = catalog.loadSet("proofnet-test-deepseek");
        assertTrue(deepseek.notes().stream().anyMatch(n -> n.contains("186 statement(s) ended in ':='")), deepseek.notes().toString());
    }

    @Test
    void unknownNamesAreAClearError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(DatasetCatalog.UnknownDatasetException.class,
                () -> catalog.load("minif2f-tset"));
        assertTrue(e.getMessage().startsWith("unknown dataset 'minif2f-tset': not a dataset name (minif2f-test, "), e.getMessage());
    }
}
