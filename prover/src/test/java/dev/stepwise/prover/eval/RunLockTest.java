package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two identical evals at once: the second refuses to touch the live run (exit 3), the first finishes untouched. */
@Tag("slow") // a second eval in a child JVM
class RunLockTest {
    @TempDir
    Path dir;

    private List<String> evalArgs(Path world) {
        return List.of("eval", "--dataset", "minif2f-test", "--limit", "3", "--simulate", world.toString(), "--budget",
                "1x4x12", "--set", "pool.size=1", "--set", "lean.sandbox=off");
    }

    @Test
    void aSecondIdenticalEvalRefusesTheLiveRun() throws Exception {
        Path world = dir.resolve("world.json");
        // Slow model answers keep the first eval busy for a while.
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "3", "--seed", "3",
                "--out", world.toString(), "--provable", "0", "--crash-rate", "0", "--timeout-rate", "0", "--header-import", "20ms", "--model-latency", "400ms");
        assertEquals(0, generated.exitCode(), generated.err());

        Process first = child(evalArgs(world));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!log().contains("starting run eval-minif2f-test-")) {
                assertTrue(first.isAlive(), "the first eval ended before it took its run: " + log());
                assertTrue(System.nanoTime() < deadline, "the first eval never took its run: " + log());
                Thread.sleep(50);
            }
            var second = new CliHarness(dir).run(evalArgs(world).toArray(String[]::new));
            assertEquals(3, second.exitCode(), second.out() + second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertTrue(second.err().matches("stepwise: run eval-minif2f-test-\\S+ is being run by another stepwise process "
                    + "right now \\(it holds \\S+run-1\\.lock\\); wait for it to finish, or give this one another --name\\n"),
                    second.err());
            assertTrue(first.waitFor(120, TimeUnit.SECONDS), log());
            assertEquals(1, first.exitValue(), "the first eval finishes its run untouched (nothing proved: exit 1): " + log());
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
        // Once the first has finished, the same command reports its finished run.
        var after = new CliHarness(dir).run(evalArgs(world).toArray(String[]::new));
        assertEquals(1, after.exitCode(), after.out() + after.err());
        assertTrue(after.out().contains("| solved | **0 / 3 (0.0%)** |"), after.out());
    }

    private String log() throws IOException {
        Path log = dir.resolve("first.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The eval in a separate JVM: two processes, as with two shells. */
    private Process child(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dstepwise.home=" + CliHarness.repoRoot(), "-cp",
                System.getProperty("java.class.path"), "dev.stepwise.prover.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.log").toFile()).start();
    }
}
