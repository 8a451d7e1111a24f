package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --resume RUN}, the command every eval with failed problems prints, through the real command tree. */
class EvalResumeCommandTest {
    @TempDir
    Path dir;

    private CliHarness.Result generate(Path world, String model500) {
        return new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "4", "--seed", "5",
                "--out", world.toString(), "--provable", "1", "--timeout-rate", "0", "--crash-rate", "0",
                "--cheat-rate", "0", "--header-import", "10ms", "--model-latency", "1ms", "--model-500", model500);
    }

    @Test
    void theResumeCommandAFailedEvalPrintsFinishesTheRun() {
        Path world = dir.resolve("world.json");
        assertEquals(0, generate(world, "1").exitCode());
        var down = new CliHarness(dir).run("eval", "--dataset", "minif2f-test", "--limit", "4", "--simulate", world.toString(),
                "--budget", "1x8x40", "--set", "pool.size=1", "--set", "lean.sandbox=off", "--set", "model.retries=0", "--name", "r1");
        assertEquals(1, down.exitCode(), down.out() + down.err());
        assertTrue(down.out().contains("continue with: stepwise eval --resume r1"), down.out());

        // The same world, its model server healthy again.
        assertEquals(0, generate(world, "0").exitCode());
        var up = new CliHarness(dir).run("eval", "--resume", "r1");
        assertEquals(up.evalAnswer(), up.exitCode(), up.out() + up.err());
        assertTrue(up.err().startsWith("resuming run r1: 4 problem(s), 0 already done"), up.err());
        assertTrue(up.out().contains("results: "), up.out());

        // Resuming a finished run reports it again, without searching.
        var again = new CliHarness(dir).run("eval", "--resume", "r1");
        assertEquals(up.exitCode(), again.exitCode(), again.out() + again.err());
        assertEquals(up.out().lines().filter(l -> l.startsWith("|")).toList(),
                again.out().lines().filter(l -> l.startsWith("|")).toList());
    }
}
