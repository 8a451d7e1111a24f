package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program's one logging set-up: one line per record on stderr, warnings only unless --verbose. */
class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void aRecordIsOneLineAndItsFailureJoinsIt() {
        var plain = new Logging.OneLine(false);
        LogRecord r = new LogRecord(Level.WARNING, "repl-pool: starting a REPL failed\n  last stderr: boom");
        r.setThrown(new IllegalStateException("gone"));
        assertEquals("stepwise: warning: repl-pool: starting a REPL failed last stderr: boom: java.lang.IllegalStateException: gone"
                + System.lineSeparator(), plain.format(r));
        assertEquals("stepwise: error: x" + System.lineSeparator(), plain.format(new LogRecord(Level.SEVERE, "x")));
        assertTrue(new Logging.OneLine(true).format(r).contains("\tat "), "verbose: the stack trace follows");
    }

    @Test
    void quietUnlessVerbose() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Logging.configure(false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            System.Logger log = System.getLogger("dev.stepwise.lean.ReplPool");
            log.log(System.Logger.Level.INFO, "not shown");
            log.log(System.Logger.Level.WARNING, "shown");
            assertEquals("stepwise: warning: shown" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
            Logging.configure(true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            log.log(System.Logger.Level.DEBUG, "detail");
            assertEquals("stepwise: debug: detail" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
            // LogManager's shutdown hook closes the handlers: stderr must stay open for the other hooks' lines.
            PrintStream stderr = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Logging.configure(false, stderr);
            LogManager.getLogManager().reset();
            stderr.print("still open");
            assertFalse(stderr.checkError(), "closing the log handler closed stderr");
        } finally {
            try {
                LogManager.getLogManager().readConfiguration();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertTrue(Logging.verbose(new String[] {"eval", "--verbose"}));
        assertTrue(Logging.verbose(new String[] {"-v", "eval"}));
        assertFalse(Logging.verbose(new String[] {"eval", "--", "-v"}));
        assertFalse(Logging.verbose(new String[] {"eval", "-V"}));
    }

    /** The run of issue 18: Lean stops starting; before, JUL's two-line records came before the error. */
    @Test
    @Tag("slow")
    void aChildWhoseLeanStopsStartingPrintsOnlyOneLineRecords() throws Exception {
        Path world = dir.resolve("crashing.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", "minif2f-test", "--limit", "2", "--seed",
                "5", "--out", world.toString(), "--header-import", "20ms", "--model-latency", "2ms");
        assertEquals(0, generated.exitCode(), generated.err());
        WorldFile files = new WorldFile();
        World w = files.read(world);
        files.write(w.withFaults(new Faults(1.0, 0, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(1))), world);
        Path script = dir.resolve("repl-once.sh");
        // Two starts succeed: the version probe of the Lean project (a custom REPL command is asked its
        // Lean) and the pool's first process; every later start fails as a broken project would.
        Files.writeString(script, "#!/bin/sh\n"
                + "n=$(cat \"$0.count\" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > \"$0.count\"\n"
                + "if [ $n -gt 2 ]; then echo 'error: unknown module prefix Mathlib' >&2; exit 1; fi\n"
                + "exec \"$@\"\n");
        script.toFile().setExecutable(true);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String repl = String.join(",", script.toString(), java, "-cp", System.getProperty("java.class.path"),
                "dev.stepwise.prover.sim.repl.SimulatedReplMain", "--world", world.toString());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-Dstepwise.home=" + CliHarness.repoRoot(),
                "-cp", System.getProperty("java.class.path"), "dev.stepwise.prover.cli.Main", "eval", "--dataset",
                "minif2f-test", "--limit", "2", "--simulate", world.toString(), "--budget", "1x4x8", "--name", "gone",
                "--set", "pool.size=1", "--set", "lean.sandbox=off", "--set", "lean.repl-command=" + repl)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), Files.readString(log));
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(3, child.exitValue(), out);
        List<String> lines = out.lines().toList();
        for (String line : lines) {
            assertFalse(line.matches("^(SEVERE|WARNING|INFO|FINE): .*|^[A-Z][a-z]{2} \\d\\d?, \\d{4} .*|.*\\] (INFO|WARN) .*"),
                    "a record of another format: " + line + "\n" + out);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("stepwise: warning: repl-pool: starting a REPL failed")), out);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("stepwise: Lean stopped starting: "), out);
        assertTrue(last.indexOf("lean doctor") == last.lastIndexOf("lean doctor"), "the advice once: " + last);
    }
}
