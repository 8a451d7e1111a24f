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
        int code = new Cli(new Invocation(env, dir, dir)).execute(new PrintWriter(out), new PrintWriter(err), args);
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

    private Path oldReplProject(String mainLean) throws Exception {
        Path project = Files.createDirectories(dir.resolve("old-project"));
        Files.writeString(project.resolve("lakefile.toml"), "name = \"x\"\n\n[[require]]\nname = \"REPL\"\n"
                + "git = \"https://github.com/leanprover-community/repl\"\nrev = \"v4.9.0\"\n");
        Files.writeString(project.resolve("lean-toolchain"), "leanprover/lean4:v4.9.0\n");
        Path main = Files.createDirectories(project.resolve(".lake/packages/REPL/REPL")).resolve("Main.lean");
        Files.writeString(main, mainLean);
        return project;
    }

    @Test
    void doctorNamesTheReplVersionAndWhetherItReportsProofStatus() throws Exception {
        Path project = oldReplProject("  printFlush \"\\n\"\n  out.flush\n");
        Run r = run(Map.of("STEPWISE_LEAN_PROJECT", project.toString()), "lean", "doctor");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("OK    repl version +v4\\.9\\.0 \\(lakefile\\.toml\\): reports no"
                + " proofStatus \\(tags before v4\\.19\\.0\\): a step that leaves no goals is checked by elaborating"
                + " the whole proof; flush fix applied")), r.out());
        Files.writeString(project.resolve("lean-toolchain"), "leanprover/lean4:v4.24.0\n");
        Files.writeString(project.resolve("lakefile.toml"), "name = \"x\"\n");
        Run pinned = run(Map.of("STEPWISE_LEAN_PROJECT", project.toString()), "lean", "doctor");
        assertTrue(pinned.out().lines().anyMatch(l -> l.matches("OK    repl version +v4\\.24\\.0 \\(lean-toolchain\\):"
                + " reports proofStatus")), pinned.out());
    }

    @Test
    void anOldReplWithoutTheFlushFixIsRefusedBeforeAnyProcessStarts() throws Exception {
        Path project = oldReplProject("  IO.println \"\" -- easier to parse the output if there are blank lines\n");
        Files.writeString(dir.resolve("p.lean"), "import Mathlib\n\ntheorem t : 1 = 1 := by\n  rfl\n");
        Run r = run(Map.of("STEPWISE_LEAN_PROJECT", project.toString()), "lean", "check", "p.lean");
        assertEquals(3, r.code(), r.out() + r.err());
        assertEquals("stepwise: cannot start Lean: the REPL v4.9.0 does not flush its output after each response"
                + " (tags before v4.10.0), so every answer would wait in a buffer; run 'make lean LEAN_VERSION=v4.9.0'"
                + " again, which applies the REPL's flush fix (commit 4fc1e6d)\n", r.err());
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
