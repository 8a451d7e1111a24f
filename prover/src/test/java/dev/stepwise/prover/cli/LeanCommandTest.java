package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepwise lean doctor} and the parts of {@code lean check} that need no REPL. */
class LeanCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(new Application(env, dir, dir)).execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void doctorReportsAMissingProjectAndExitsOne() {
        Run r = run(Map.of("STEPWISE_LEAN_PROJECT", "nowhere", "STEPWISE_POOL_SIZE", "2"), "lean", "doctor");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("FAIL  project +" + dir.resolve("nowhere")
                + " does not exist \\(set lean.project\\)")), r.out());
        assertTrue(r.out().contains("room for"), r.out());
        assertTrue(r.out().contains("REPL command: "), r.out());
    }

    @Test
    void checkRejectsUnprovedTheoremsWithoutStartingLean() throws Exception {
        Files.writeString(dir.resolve("p.lean"), "import Mathlib\n\ntheorem t : 1 = 1 := by\n  sorry\n");
        Run r = run(Map.of("STEPWISE_LEAN_REPL_COMMAND", dir.resolve("no-repl").toString()), "lean", "check", "p.lean");
        assertEquals(1, r.code());
        assertEquals("t: rejected\n  - no proof (the body is sorry)\n0 of 1 accepted\n", r.out());
    }

    @Test
    void checkWithoutLeanIsAnEnvironmentError() throws Exception {
        Files.writeString(dir.resolve("p.lean"), "import Mathlib\n\ntheorem t : 1 = 1 := by\n  rfl\n");
        Run r = run(Map.of("STEPWISE_LEAN_REPL_COMMAND", dir.resolve("no-repl").toString()), "lean", "check", "p.lean");
        assertEquals(3, r.code());
        assertEquals("stepwise: cannot start Lean: cannot start the REPL: " + dir.resolve("no-repl")
                + " not found (relative to " + dir.resolve("lean-project") + "); run 'make lean' to set up Lean, or"
                + " 'stepwise lean doctor' to see what is missing\n", r.err());
    }

    @Test
    void aMissingProofFileIsAnInputError() {
        Run r = run(Map.of(), "lean", "check", "none.lean");
        assertEquals(2, r.code());
        assertEquals("stepwise: no such file: none.lean\n", r.err());
    }
}
