package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stalled on the simulator's never-ending tactics says what it waits for: every state of
 * this world has a tactic that runs past any deadline, the pool has one process, so the run sits
 * on it until the world's deadline (2 s) kills it, and stderr names the tactic's theorem, how long
 * it has run and the deadline, instead of printing nothing (#18).
 */
@Tag("slow") // an end-to-end run that waits out the world's deadlines by design
class WaitingLineTest {
    private static final Pattern WAITING = Pattern.compile(
            "  waiting: 1 tactic running \\d+\\.\\d s \\(deadline 2\\.0 s per try\\) on (\\S+)(; .*)?");

    @Test
    void aRunOnNeverEndingTacticsSaysWhichTacticsItWaitsForAndTheirDeadline(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("hanging.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "1", "--seed", "3",
                "--out", world.toString(), "--timeout-rate", "1", "--crash-rate", "0", "--header-import", "10ms",
                "--model-latency", "1ms");
        assertEquals(0, generated.exitCode(), generated.err());
        String theorem = new ObjectMapper().readTree(world.toFile()).path("theorems").get(0).path("name").asText();

        var r = new CliHarness(dir).run("eval", "--dataset", "minif2f-test", "--limit", "1", "--simulate", world.toString(),
                "--budget", "1x8x2", "--set", "pool.size=1", "--set", "lean.sandbox=off");

        List<String> waiting = r.err().lines().filter(l -> l.startsWith("  waiting: ")).toList();
        assertTrue(!waiting.isEmpty(), "no waiting line in:\n" + r.err());
        // While a tactic hangs, the line names it; while its killed process restarts, the line says so.
        List<String> onTactics = waiting.stream().filter(l -> WAITING.matcher(l).matches()).toList();
        assertTrue(!onTactics.isEmpty(), r.err());
        for (String line : onTactics) {
            var m = WAITING.matcher(line);
            assertTrue(m.matches() && m.group(1).equals(theorem), line);
        }
    }
}
