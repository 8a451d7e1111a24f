package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world whose never-ending tactics time out on every process, and nothing else goes wrong: the
 * eval gives every problem a final answer (a tactic that timed out on a fresh process too failed,
 * as LeanDojo counts it), leaves nothing to resume, and its Lean line still counts the timeouts.
 * (Before session 7 the same eval left the unprovable problem failed, to resume for ever.)
 */
@Tag("slow")
class NeverEndingTacticsEvalTest {
    private static final Pattern TIMEOUTS = Pattern.compile("Lean: .*, (\\d+) timeouts?, ");

    @TempDir
    Path dir;

    @Test
    void tacticsThatTimeOutTwiceAreFailedTacticsNotFailedProblems() {
        Path world = dir.resolve("world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "2", "--seed", "3",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0.5", "--crash-rate", "0",
                "--cheat-rate", "0", "--header-import", "10ms", "--model-latency", "1ms");
        assertEquals(0, generated.exitCode(), generated.err());
        var eval = new CliHarness(dir).run("eval", "--dataset", "minif2f-test", "--limit", "2", "--simulate", world.toString(),
                "--budget", "1x4x8", "--set", "pool.size=1", "--set", "lean.sandbox=off", "--set", "lean.tactic-timeout=300ms",
                "--name", "slow");
        assertEquals(eval.evalAnswer(), eval.exitCode(), eval.out() + eval.err());
        assertFalse(eval.leftToResume(), eval.out());
        Matcher m = TIMEOUTS.matcher(eval.out() + eval.err());
        assertTrue(m.find(), eval.out() + eval.err());
        assertTrue(Integer.parseInt(m.group(1)) >= 2, "no tactic timed out twice: " + m.group());
    }
}
