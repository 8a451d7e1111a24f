package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose process was killed (kill -9) is listed as interrupted, not running; a live one as running. */
@Tag("slow") // a child JVM killed mid-run
class KilledRunListTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunIsListedAsInterrupted() throws Exception {
        Path world = dir.resolve("world.json");
        var gen = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "4", "--seed", "3",
                "--out", world.toString(), "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0",
                "--header-import", "10ms", "--model-latency", "300ms", "--model-capacity", "1");
        assertEquals(0, gen.exitCode(), gen.err());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-Dstepwise.home=" + CliHarness.repoRoot(),
                "-cp", System.getProperty("java.class.path"), "dev.stepwise.prover.cli.Main", "eval", "--dataset",
                "minif2f-test", "--limit", "4", "--simulate", world.toString(), "--budget", "1x8x200", "--set", "pool.size=1",
                "--set", "lean.sandbox=off", "--name", "doomed")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 1200 && !(Files.exists(log) && Files.readString(log).contains("starting run doomed")); i++) {
                assertTrue(child.isAlive(), Files.exists(log) ? Files.readString(log) : "");
                Thread.sleep(50);
            }
            var live = new CliHarness(dir).run("runs", "list");
            assertTrue(live.out().matches("(?s).*\ndoomed +eval +minif2f-test +running .*"), live.out());
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly(); // kill -9: no shutdown hook, the run stays 'running' in the database
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        var killed = new CliHarness(dir).run("runs", "list");
        assertEquals(0, killed.exitCode(), killed.err());
        assertTrue(killed.out().matches("(?s).*\ndoomed +eval +minif2f-test +interrupted .*"), killed.out());
        var shown = new CliHarness(dir).run("runs", "show", "doomed");
        assertTrue(shown.out().startsWith("run doomed (eval, interrupted)"), shown.out());
    }
}
