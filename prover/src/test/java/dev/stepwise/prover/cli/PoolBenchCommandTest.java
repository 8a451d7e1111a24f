package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.cli.CliHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepwise bench pool} runs on simulated REPLs and reports its one figure (no timing is asserted). */
class PoolBenchCommandTest {
    private static final Pattern FIGURE = Pattern.compile(
            "\\{\"bench\": \"pool\", \"figure\": \"throughput_ratio\", \"value\": ([0-9.]+), \"target\": \">= 0.9\", "
                    + "\"ok\": (true|false)}");

    @TempDir
    Path dir;

    private static java.util.Set<Path> scratchDirs() throws java.io.IOException {
        try (var listed = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return listed.filter(p -> p.getFileName().toString().startsWith("stepwise-bench-pool-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void quickRunPrintsTheTableAndTheRatio() throws Exception {
        java.util.Set<Path> before = scratchDirs();
        CliHarness.Result r = new CliHarness(dir).run("bench", "pool", "--quick");
        java.util.Set<Path> left = new java.util.HashSet<>(scratchDirs());
        left.removeAll(before);
        assertEquals(java.util.Set.of(), left, "the benchmark removes its scratch directory");
        List<String> json = r.out().lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(1, json.size(), r.out() + r.err());
        Matcher m = FIGURE.matcher(json.get(0));
        assertTrue(m.matches(), json.get(0));
        double ratio = Double.parseDouble(m.group(1));
        assertTrue(ratio > 0 && ratio <= 1.05, "a ratio against the ideal K/L cannot exceed it: " + ratio);
        assertEquals(m.group(2).equals("true") ? 0 : 1, r.exitCode());
        assertTrue(r.out().contains("SIMULATED REPL processes"), r.out());
        assertTrue(r.out().contains("failed steps: 0"), r.out());
    }

    @Test
    void badOptionsAreRefused() {
        CliHarness.Result r = new CliHarness(dir).run("bench", "pool", "--processes", "0");
        assertEquals(2, r.exitCode());
        assertEquals("stepwise: bench pool: --processes must be in [1, 256], got 0", r.err().strip());
    }
}
