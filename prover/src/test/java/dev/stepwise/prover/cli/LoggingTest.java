package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.sim.LeanThatStopsStarting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        LeanThatStopsStarting.Setup lean = LeanThatStopsStarting.in(dir, 2);
        Path world = lean.world();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String repl = lean.replCommand();
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
