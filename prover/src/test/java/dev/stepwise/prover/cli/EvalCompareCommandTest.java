package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.eval.StoredRunFixture;
import dev.stepwise.prover.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval compare over a step run and a whole-proof run of the same problems, written to a real database. */
class EvalCompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachRunShowsItsModeAndWhatItCostPerTheorem() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            StoredRunFixture.write(store, "step-run");
            StoredRunFixture.write(store, "whole-run", Map.of("search.mode", "whole-proof",
                    "model.whole-proof-template", "goedel-prover-v2", "search.samples", "16", "search.revisions", "2"));
        }
        var r = new CliHarness(dir).run("--db", "s.db", "eval", "compare", "step-run", "whole-run");
        assertEquals(0, r.exitCode(), r.err());
        // Each run's line is followed by its mode and its mean cost per theorem (the fixture's two problems:
        // 1 + 2×50 expansions, 40 + 2×4000 tokens, 2 + 2×200 tactic calls, 2 s and 6 s).
        String cost = "  per theorem: 50.5 model calls, 4020 tokens, 201.0 Lean calls, 4.00 s wall\n";
        assertTrue(r.out().contains("step-run                       1 / 2 (50.0%)\n  mode: step (A×W×N 2×4×50)\n" + cost),
                r.out());
        assertTrue(r.out().contains("whole-run                      1 / 2 (50.0%)\n"
                + "  mode: whole-proof (goedel-prover-v2, 16 proofs per attempt, up to 2 revisions each)\n" + cost
                // Samples and revisions as stored, apart: attempts of 2 samples and 1 revision, one and two per theorem.
                + "  whole proofs per theorem: 3.0 sampled, 1.5 revisions\n"), r.out());
        // A step run has no whole proofs to count.
        assertEquals(1, r.out().split("whole proofs per theorem", -1).length - 1, r.out());
        assertTrue(r.out().contains("difference +0.0 points; solved by both: 1"), r.out());
    }

    @Test
    void aWholeProofRunWithoutRevisionsSaysNothingOfThem() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            StoredRunFixture.write(store, "a");
            StoredRunFixture.write(store, "b", Map.of("search.mode", "whole-proof",
                    "model.whole-proof-template", "deepseek-prover-v1.5", "search.samples", "32"));
        }
        var r = new CliHarness(dir).run("--db", "s.db", "eval", "compare", "a", "b");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  mode: whole-proof (deepseek-prover-v1.5, 32 proofs per attempt)\n"), r.out());
    }
}
