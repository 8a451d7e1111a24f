package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An eval stopped by SIGTERM (a service manager, a cluster's time limit) says how to continue it, and that works. */
@Tag("slow") // child JVMs stopped by SIGTERM
class StopSignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermEndsWith143AndTheResumeCommandWhichFinishesTheRun() throws Exception {
        Path world = dir.resolve("world.json");
        var gen = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "6", "--seed", "3",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0",
                "--header-import", "10ms", "--model-latency", "150ms", "--model-capacity", "1");
        assertEquals(0, gen.exitCode(), gen.err());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dstepwise.home=" + CliHarness.repoRoot(), "-cp", System.getProperty("java.class.path"),
                "dev.stepwise.prover.cli.Main", "eval", "--dataset", "minif2f-test", "--limit", "6", "--simulate", world.toString(),
                "--budget", "1x8x200", "--set", "pool.size=1", "--set", "lean.sandbox=off", "--name", "sig")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLine(log, "starting run sig", child);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the JVM must end on SIGTERM");
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(143, child.exitValue(), out);
        List<String> hint = out.lines().filter(l -> l.startsWith("stepwise: stopped before the run finished")).toList();
        assertEquals(List.of("stepwise: stopped before the run finished; what it finished is stored; continue with: "
                + "stepwise eval --resume sig"), hint, out);

        var resumed = new CliHarness(dir).run("eval", "--resume", "sig");
        assertEquals(resumed.evalAnswer(), resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.err().startsWith("resuming run sig: 6 problem(s)"), resumed.err());
        assertTrue(!resumed.err().contains("stopped before the run finished"), "a run that ends by itself gives no stop hint");
    }

    @Test
    void sigtermStopsARoundWithTheRoundsResumeCommand() throws Exception {
        Path world = dir.resolve("round-world.json");
        var gen = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "12", "--seed", "8",
                "--out", world.toString(), "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "10ms",
                "--model-latency", "150ms", "--model-capacity", "1");
        assertEquals(0, gen.exitCode(), gen.err());
        Path log = dir.resolve("round.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dstepwise.home=" + CliHarness.repoRoot(), "-cp", System.getProperty("java.class.path"),
                "dev.stepwise.prover.cli.Main", "--set", "iterate.max-problems=6", "--set", "iterate.search-budget=1x4x200",
                "--set", "iterate.prepass-budget=1x1x2", "--set", "pool.size=1", "--set", "lean.sandbox=off",
                "iterate", "--pool", "minif2f-test", "--simulate", world.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLine(log, "round 1: started", child);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the JVM must end on SIGTERM");
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(143, child.exitValue(), out);
        assertTrue(out.lines().anyMatch(l -> l.equals("stepwise: stopped before the run finished; what it finished is stored;"
                + " continue with: stepwise iterate --resume --simulate " + world)), out);
    }

    private static void awaitLine(Path log, String text, Process child) throws IOException, InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!child.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child never printed '" + text + "': " + (Files.exists(log) ? Files.readString(log) : ""));
    }
}
