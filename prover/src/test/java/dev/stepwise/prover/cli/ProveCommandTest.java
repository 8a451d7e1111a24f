package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.problems.LeanDeclaration;
import dev.stepwise.prover.problems.LeanFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stepwise prove through the simulator's REPL process and model server. */
class ProveCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void world() throws Exception {
        Files.copy(CliHarness.repoRoot().resolve("datasets/examples/inequalities.lean"), dir.resolve("ineq.lean"));
        var r = new CliHarness(dir).run("sim", "generate", "--from", "ineq.lean", "--out", "world.json", "--seed", "4",
                "--provable", "0.5", "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "20ms");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void provesWritesTheProvedFileAndSaysItIsSimulated() throws Exception {
        var r = new CliHarness(dir).run("prove", "ineq.lean", "--simulate", "world.json", "--budget", "1x8x60",
                "--set", "pool.size=1", "--set", "lean.scratch-dir=scratch");
        assertTrue(Files.exists(dir.resolve("ineq.proved.lean")), "exit " + r.exitCode() + "\n" + r.out() + r.err());
        // The pool's scratch directory was made there and removed when the pool stopped.
        try (var left = Files.list(dir.resolve("scratch"))) {
            assertEquals(List.of(), left.toList());
        }
        String proved = Files.readString(dir.resolve("ineq.proved.lean"));
        List<LeanDeclaration> ds = LeanFileParser.declarations(proved, "ineq.proved.lean");
        long done = ds.stream().filter(d -> !d.needsProof()).count();
        assertEquals(done == 4 ? 0 : 1, r.exitCode(), r.err());
        assertTrue(done >= 1, "nothing proved: " + r.out() + r.err());
        assertTrue(proved.startsWith("-- SIMULATED by stepwise"), proved);
        assertTrue(r.out().startsWith("-- SIMULATED run"), r.out());
        assertTrue(r.out().contains(done + " of 4 proved; wrote " + dir.resolve("ineq.proved.lean")), r.out());
        assertTrue(r.err().contains("starting run prove-ineq-"), r.err());

        // The same command again reports the stored run without searching (where scratch goes is no part of a run).
        var again = new CliHarness(dir).run("prove", "ineq.lean", "--simulate", "world.json", "--budget", "1x8x60",
                "--set", "pool.size=1", "--json");
        assertEquals(r.exitCode(), again.exitCode());
        JsonNode doc = new ObjectMapper().readTree(again.out());
        assertEquals(done, doc.get("proved").asLong());
        assertEquals(4, doc.get("theorems").size());
        assertTrue(doc.get("simulated").asBoolean());
        // ... and says so in one line, with how to run it afresh.
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().matches("run prove-\\S+ was already complete: .*another --name\\)\n"), again.err());
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        var missing = new CliHarness(dir).run("prove", "nope.lean");
        assertEquals(2, missing.exitCode());
        assertEquals("stepwise: nope.lean: no such file or directory\n", missing.err());
        Files.writeString(dir.resolve("bad.lean"), "theorem t : True := by\n  trivial\n");
        var proved = new CliHarness(dir).run("prove", "bad.lean");
        assertEquals(2, proved.exitCode());
        assertTrue(proved.err().contains("'t' already has a proof"), proved.err());
        var budget = new CliHarness(dir).run("prove", "ineq.lean", "--budget", "8x4");
        assertEquals(2, budget.exitCode());
        assertTrue(budget.err().startsWith("stepwise: --budget: budget must look like A×W×N"), budget.err());
    }

    @Test
    void withoutLeanItIsAnEnvironmentErrorPointingToTheSimulator() {
        // a required sandbox: no warning line about an unsandboxed REPL, wherever bwrap is missing
        var r = new CliHarness(dir).run("prove", "ineq.lean", "--set", "lean.project=" + dir.resolve("no-project"),
                "--set", "lean.sandbox=required", "--budget", "1x2x2");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("stepwise: cannot start Lean: "), r.err());
        assertTrue(r.err().contains("--simulate"), r.err());
    }

    @Test
    void aRealReplWithoutTheSandboxIsOneWarningLineAtStartAndASimulatedOneIsNot() {
        var real = new CliHarness(dir).run("prove", "ineq.lean", "--set", "lean.project=" + dir.resolve("no-project"),
                "--set", "lean.sandbox=off", "--budget", "1x2x2");
        assertEquals(3, real.exitCode(), real.err());
        List<String> lines = real.err().lines().toList();
        assertEquals("warning: Lean REPLs run without a sandbox (lean.sandbox=off): model-written tactics run with your"
                + " user's rights, network and files", lines.get(0));
        assertTrue(lines.get(1).startsWith("stepwise: cannot start Lean: "), real.err());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("warning: ")).count(), real.err());

        var simulated = new CliHarness(dir).run("prove", "ineq.lean", "--simulate", "world.json", "--budget", "1x2x4",
                "--set", "pool.size=1", "--set", "lean.sandbox=off", "-o", "simulated-off.proved.lean");
        assertTrue(simulated.exitCode() <= 1, simulated.err());
        assertTrue(simulated.err().lines().noneMatch(l -> l.contains("without a sandbox")), simulated.err());
    }
}
