package dev.stepwise.prover.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a user's own statement file states the Lean it was written for (README, "Lean set-up"). */
class TargetReaderTest {
    @TempDir
    Path dir;

    @Test
    void aLeanFileStatesItsTargetInHeaderComments() throws Exception {
        Path f = dir.resolve("a.lean");
        Files.writeString(f, "-- lean-target: v4.9.0-rc1\n-- mathlib-target: xinhjBrant/mathlib4@2f65ba7\nimport Mathlib\n\n"
                + "theorem t : 1 = 1 := by\n  sorry\n");
        assertEquals(Optional.of(new LeanTarget("v4.9.0-rc1", "xinhjBrant/mathlib4@2f65ba7")), TargetReader.read(f));
        assertEquals(1, DatasetCatalog.loadPath(f, "a").problems().size(), "the comments do not disturb the statements");
    }

    @Test
    void withoutAMathlibLineMathlibIsTheTagOfTheLeanVersion() throws Exception {
        Path f = dir.resolve("b.lean");
        Files.writeString(f, "-- lean-target: v4.28.0\ntheorem t : 1 = 1 := by\n  sorry\n");
        assertEquals(Optional.of(new LeanTarget("v4.28.0", "v4.28.0")), TargetReader.read(f));
    }

    @Test
    void aJsonlFileStatesItWithFieldsAsTheCatalogDoes() throws Exception {
        Path f = dir.resolve("p.jsonl");
        String row = "{\"name\":\"t%d\",\"split\":\"test\",\"header\":\"import Mathlib\",\"formal_statement\":\"theorem t%d : 1 = 1 := by\","
                + "\"lean\":\"v4.28.0\",\"mathlib\":\"v4.28.0\"}\n";
        Files.writeString(f, String.format(row, 1, 1) + String.format(row, 2, 2));
        assertEquals(Optional.of(new LeanTarget("v4.28.0", "v4.28.0")), TargetReader.read(f));
        assertEquals(2, DatasetCatalog.loadPath(f, "p").problems().size());
    }

    @Test
    void rowsThatDisagreeAreRefused() throws Exception {
        Path f = dir.resolve("q.jsonl");
        Files.writeString(f, "{\"name\":\"a\",\"lean\":\"v4.28.0\"}\n{\"name\":\"b\",\"lean\":\"v4.24.0\"}\n");
        var e = assertThrows(ProblemFileException.class, () -> TargetReader.read(f));
        assertTrue(e.getMessage().contains("one run needs one Lean"), e.getMessage());
    }

    @Test
    void aFileThatSaysNothingHasNoTarget() throws Exception {
        Path f = dir.resolve("c.lean");
        Files.writeString(f, "theorem t : 1 = 1 := by\n  sorry\n");
        assertEquals(Optional.empty(), TargetReader.read(f));
    }

    @Test
    void theCatalogGivesEachShippedDatasetItsTarget() {
        DatasetCatalog catalog = new DatasetCatalog(Path.of("..").toAbsolutePath().normalize());
        assertEquals(Optional.of(new LeanTarget("v4.9.0-rc1", "xinhjBrant/mathlib4@2f65ba7")),
                catalog.target("minif2f-test-deepseek"));
        assertEquals(Optional.of(new LeanTarget("v4.28.0", "v4.28.0")), catalog.target("proofnet-test"));
        assertEquals(Optional.empty(), new LeanTarget("v4.24.0", "Lean core only (heuristic, unverified)").mathlibPin());
    }
}
