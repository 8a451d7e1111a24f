package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world whose tactics time out or crash Lean every time they run (as a tactic that always runs
 * past the deadline or overflows Lean's stack): a round's search counts the statements those
 * faults decided as not proved in the round, says so, and goes on, where it used to stop in the
 * search stage on every resume.
 * Slow: a whole round with many never-ending tactics (330 s on the loaded 2-core machine).
 */
@Tag("slow")
class RoundWithLeanFaultsTest {

    @Test
    void aRoundGoesOnPastStatementsLeanDidNotAnswer(@TempDir Path dir) throws IOException {
        Path pool = dir.resolve("pool.jsonl");
        List<String> lines = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, lines.subList(0, 12), StandardCharsets.UTF_8);
        Path world = dir.resolve("world.json");
        var g = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "3", "--out", world.toString(),
                "--timeout-rate", "0.5", "--crash-rate", "0.3", "--header-import", "50ms", "--model-latency", "2ms");
        assertEquals(0, g.exitCode(), g.err());
        var r = new CliHarness(dir).run("--set", "store.path=" + dir.resolve("stepwise.db"), "--set", "store.runs-dir=" + dir.resolve("runs"),
                "--set", "iterate.data-dir=" + dir.resolve("data"), "--set", "iterate.search-budget=1x4x20", "--set", "pool.size=2",
                // Short deadline: the never-ending tactics cost 0.3 s each instead of the world's 2 s.
                "--set", "lean.tactic-timeout=300ms", "--set", "model.retries=0",
                "iterate", "--pool", pool.toString(), "--simulate", world.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("count as not proved in this round: Lean did not answer some of their steps"), r.err());
        try (Store store = Store.open(dir.resolve("stepwise.db"), Duration.ofSeconds(10))) {
            List<RoundRecord> rounds = new StoreRoundStore(store).list();
            assertEquals(1, rounds.size());
            assertEquals(RoundStatus.COMPLETED, rounds.getFirst().status());
        }
    }
}
