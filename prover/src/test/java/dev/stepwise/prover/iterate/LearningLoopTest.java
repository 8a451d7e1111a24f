package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20's loop that learns, in simulation, at a size a test can afford (the README's six
 * rounds on all of miniF2F-test are the full figure): with the promotion rule's defaults
 * (iterate.min-held-out 20, confidence 0.95), the statements proved in total rise every round and
 * a candidate is promoted; the same rounds with a trainer sabotaged with shuffled tactics are
 * never promoted.
 */
class LearningLoopTest {
    private static final Pattern SEARCHED = Pattern.compile("searched (\\d+) with .*: proved (\\d+) \\(");
    private static final int ROUNDS = 3;

    @TempDir
    static Path shared;

    static Path pool;
    static Path world;

    @BeforeAll
    static void generatePoolAndWorld() throws IOException {
        pool = shared.resolve("pool.jsonl");
        List<String> lines = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, lines.subList(0, POOL), StandardCharsets.UTF_8);
        world = shared.resolve("world.json");
        var r = new CliHarness(shared).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", world.toString(),
                "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "50ms", "--model-latency", "2ms");
        assertEquals(0, r.exitCode(), r.err());
    }

    static final int POOL = 100;

    private static List<RoundRecord> run(Path dir, List<String> more) {
        for (int n = 1; n <= ROUNDS; n++) {
            List<String> args = new ArrayList<>(List.of("--set", "store.path=" + dir.resolve("stepwise.db"), "--set",
                    "store.runs-dir=" + dir.resolve("runs"), "--set", "iterate.data-dir=" + dir.resolve("data"),
                    // The README's demo: 38 held out of 100, above the default minimum of 20 and enough for the exact test.
                    "--set", "iterate.eval-fraction=0.4", "--set", "iterate.search-budget=1x4x20", "--set", "pool.size=2",
                    "--set", "model.retries=0"));
            args.addAll(more);
            args.addAll(List.of("iterate", "--pool", pool.toString(), "--simulate", world.toString()));
            var r = new CliHarness(dir).run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
        }
        try (Store store = Store.open(dir.resolve("stepwise.db"), Duration.ofSeconds(10))) {
            return new StoreRoundStore(store).list();
        }
    }

    private static int proved(RoundRecord r) {
        String summary = r.stages().stream().filter(s -> s.stage() == Stage.SEARCH).reduce((a, b) -> b).orElseThrow().summary();
        Matcher m = SEARCHED.matcher(summary);
        assertTrue(m.find(), summary);
        return Integer.parseInt(m.group(2));
    }

    @Test
    void theTotalRisesEveryRoundAndACandidateIsPromoted(@TempDir Path dir) {
        List<RoundRecord> rounds = run(dir, List.of());
        assertEquals(ROUNDS, rounds.size());
        for (RoundRecord r : rounds) {
            assertTrue(proved(r) > 0, "round " + r.number() + " proved nothing new");
        }
        assertTrue(rounds.stream().anyMatch(r -> r.decision().promotion() == Promotion.PROMOTED),
                "no round promoted its candidate: " + rounds.stream().map(r -> r.decision().reason()).toList());
    }

    @Test
    void aTrainerSabotagedWithShuffledTacticsIsNeverPromoted(@TempDir Path dir) {
        List<RoundRecord> rounds = run(dir, List.of("--set", "iterate.trainer-command="
                + IterationLauncher.simulatedTrainerCommand(List.of("--effect", "shuffled-tactics"))));
        assertEquals(ROUNDS, rounds.size());
        for (RoundRecord r : rounds) {
            assertEquals(Promotion.KEPT_CURRENT, r.decision().promotion(), r.decision().reason());
            assertTrue(r.decision().candidatePassRate() <= r.decision().currentPassRate(),
                    "round " + r.number() + ": the sabotaged candidate did better: " + r.decision().reason());
        }
    }
}
