package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.WorldFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise lean check} through its production path, with {@code lean.repl-command} set to
 * the SIMULATED REPL: a good proof is accepted, each cheat rejected with every reason.
 */
class LeanCheckSimulatedTest {
    @TempDir
    Path dir;

    @Test
    void acceptsTheProofAndRejectsTheCheats() throws Exception {
        Path world = dir.resolve("tiny.json");
        new WorldFile().write(TinyWorld.world(), world);
        Files.createDirectories(dir.resolve("project"));
        String proofs = TinyWorld.HEADER + TinyWorld.STATEMENT + "\n  have h₁ : 0 ≤ x ^ 2 := by positivity\n"
                + "  nlinarith [h₁, h₀]\n";
        Files.writeString(dir.resolve("good.lean"), proofs);
        Files.writeString(dir.resolve("cheat.lean"), TinyWorld.HEADER + TinyWorld.STATEMENT + "\n  native_decide\n");
        // the same theorem and proof, with a macro in the header that would turn `nlinarith` into `sorry`
        Files.writeString(dir.resolve("header.lean"), TinyWorld.HEADER
                + "macro_rules | `(tactic| nlinarith [$h,*]) => `(tactic| sorry)\n\n" + TinyWorld.STATEMENT
                + "\n  have h₁ : 0 ≤ x ^ 2 := by positivity\n  nlinarith [h₁, h₀]\n");
        Files.writeString(dir.resolve("changed.lean"), TinyWorld.HEADER + TinyWorld.STATEMENT
                + "\n  simp_all [show False from by assumption]\n");
        try (SimulatedStack stack = SimulatedStack.start(world, ModelDialect.VLLM)) {
            CliHarness cli = new CliHarness(Map.of(
                    "STEPWISE_LEAN_REPL_COMMAND", String.join(",", stack.replCommand()),
                    "STEPWISE_LEAN_PROJECT", dir.resolve("project").toString(),
                    "STEPWISE_POOL_SIZE", "1",
                    "STEPWISE_LEAN_SCRATCH_DIR", dir.resolve("scratch").toString()), dir);

            CliHarness.Result good = cli.run("lean", "check", "good.lean");
            assertEquals("tiny: accepted (axioms: propext, Classical.choice, Quot.sound)\n1 of 1 accepted\n", good.out(),
                    good.err());
            assertEquals(0, good.exitCode());

            CliHarness.Result cheat = cli.run("lean", "check", "cheat.lean");
            assertEquals(1, cheat.exitCode());
            assertEquals("tiny: rejected (axioms: propext, Classical.choice, Lean.ofReduceBool, Quot.sound)\n"
                    + "  - forbidden text in the proof: `native_decide`\n"
                    + "  - depends on axiom Lean.ofReduceBool, which is not allowed\n0 of 1 accepted\n", cheat.out());

            CliHarness.Result changed = cli.run("lean", "check", "changed.lean", "--reference", "good.lean");
            assertEquals(1, changed.exitCode());
            assertEquals("tiny: rejected", changed.out().lines().findFirst().orElseThrow());
            CliHarness.Result header = cli.run("lean", "check", "header.lean", "--reference", "good.lean");
            assertEquals(1, header.exitCode());
            assertEquals("tiny: rejected (axioms: propext, Classical.choice, Quot.sound)\n"
                    + "  - the header differs from the reference header (it adds `macro_rules | `(tactic| nlinarith [$h,*]) "
                    + "=> `(tactic| sorry)`); the theorem is checked under the reference header only\n0 of 1 accepted\n",
                    header.out());

            // Each check made its pool a scratch directory there and removed it when the pool stopped.
            try (var left = Files.list(dir.resolve("scratch"))) {
                assertEquals(List.of(), left.toList());
            }
        }
    }
}
