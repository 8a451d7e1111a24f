package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.RecordedTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-proof mode end to end through the simulator's production paths: {@code prove --whole-proof N}
 * asks the simulated model server's {@code /v1/chat/completions} for complete proofs in a released
 * model's format, takes the code out of each reply as that model's pipeline does, and sends every
 * proof through the acceptance gate on simulated REPL processes. Numbers here are SIMULATED.
 */
@Tag("slow") // prove runs with simulated REPL processes, 5-12 s each
class WholeProofEndToEndTest {

    @TempDir
    Path dir;

    private CliHarness.Result prove(World world, String template, int samples, String... more) throws Exception {
        new WorldFile().write(world, dir.resolve("world.json"));
        WorldTheorem t = world.theorems().get(0);
        Files.writeString(dir.resolve("t.lean"), t.header() + t.statement() + "\n  sorry\n");
        List<String> args = new java.util.ArrayList<>(List.of("prove", "t.lean", "--simulate", "world.json",
                "--whole-proof", String.valueOf(samples), "--set", "model.whole-proof-template=" + template,
                "--set", "pool.size=1", "--set", "search.sample-batch=4", "--json"));
        args.addAll(List.of(more));
        return new CliHarness(dir).run(args.toArray(String[]::new));
    }

    private Store store() {
        return Store.open(dir.resolve(".stepwise/stepwise.db"), Duration.ofSeconds(5));
    }

    @Test
    void passAtKStopsAtTheFirstAcceptedProofAndRecordsTheAttemptsMode() throws Exception {
        var r = prove(TinyWorld.world(), "goedel-prover-v2", 64);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(1, doc.get("proved").asLong(), r.out());
        try (Store store = store()) {
            Run run = store.runs().list().get(0).run();
            List<Attempt> attempts = store.attempts().forRun(run.id());
            assertEquals(1, attempts.size());
            Attempt a = attempts.get(0);
            assertEquals(AttemptMode.WHOLE_PROOF, a.mode());
            // The run's model is the whole-proof model in its own format, not the step template it never used.
            assertTrue(run.versions().model().endsWith("whole-proof template goedel-prover-v2"), run.versions().model());
            assertTrue(a.proof().isPresent());
            RecordedTree tree = store.attempts().tree(a.id());
            assertEquals(a.samples(), tree.edges().size());
            // Early stop: the first request's four proofs are checked and no more than the requests already
            // in flight; never all 64.
            assertTrue(a.samples() < 64, "samples " + a.samples());
            List<EdgeRecord> accepted = tree.edges().stream().filter(e -> e.kind() == EdgeKind.PROOF_COMPLETE).toList();
            assertFalse(accepted.isEmpty());
            // An accepted whole proof is one of the graph's two ways to `complete`, written as tactic lines.
            Set<String> correct = Set.of("positivity", "have h₁ : 0 ≤ x ^ 2 := by positivity\nnlinarith [h₁, h₀]");
            accepted.forEach(e -> assertTrue(correct.contains(e.tactic()), e.tactic()));
            // Every proof the gate refused is one the graph makes wrong or cheating, never a correct one.
            tree.edges().stream().filter(e -> e.kind() == EdgeKind.PROOF_REJECTED)
                    .forEach(e -> assertFalse(correct.contains(e.tactic()), e.tactic()));
            assertTrue(a.proof().get().proofText().contains("positivity"), a.proof().get().proofText());
        }
        String name;
        try (Store store = store()) {
            name = store.runs().list().get(0).run().name();
        }
        var shown = new CliHarness(dir).run("runs", "show", name);
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("| mode | whole-proof (goedel-prover-v2, 64 proofs per attempt) |"), shown.out());
        // results.md's model line (runs show prints the same table)
        assertTrue(shown.out().contains("(vllm), whole-proof template goedel-prover-v2 |"), shown.out());
        // The temperature the proofs were sampled at: Goedel-Prover-V2's released 1.0, not the step search's 1.3.
        assertTrue(shown.out().contains("| temperature | 1.00 |"), shown.out());
    }

    @Test
    void deepSeekProverV15IsAskedThroughCompletionsAndItsProofIsGated() throws Exception {
        var r = prove(TinyWorld.world(), "deepseek-prover-v1.5", 64);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(1, doc.get("proved").asLong(), r.out());
        try (Store store = store()) {
            Run run = store.runs().list().get(0).run();
            Attempt a = store.attempts().forRun(run.id()).get(0);
            assertEquals(AttemptMode.WHOLE_PROOF, a.mode());
            RecordedTree tree = store.attempts().tree(a.id());
            assertEquals(a.samples(), tree.edges().size());
            assertTrue(a.samples() < 64, "samples " + a.samples());
            // The continuation's proof lines (the text before the fence), never a step tactic for an unknown state.
            Set<String> correct = Set.of("positivity", "have h₁ : 0 ≤ x ^ 2 := by positivity\nnlinarith [h₁, h₀]");
            List<EdgeRecord> accepted = tree.edges().stream().filter(e -> e.kind() == EdgeKind.PROOF_COMPLETE).toList();
            assertFalse(accepted.isEmpty());
            accepted.forEach(e -> assertTrue(correct.contains(e.tactic()), e.tactic()));
            tree.edges().stream().filter(e -> e.kind() != EdgeKind.PROOF_COMPLETE)
                    .forEach(e -> assertFalse(correct.contains(e.tactic()), e.tactic()));
            assertTrue(tree.edges().stream().noneMatch(e -> e.kind() == EdgeKind.FILTERED), tree.edges().toString());
        }
        String name;
        try (Store store = store()) {
            name = store.runs().list().get(0).run().name();
        }
        var shown = new CliHarness(dir).run("runs", "show", name);
        assertTrue(shown.out().contains("| mode | whole-proof (deepseek-prover-v1.5, 64 proofs per attempt) |"), shown.out());
    }

    /** A world whose model writes only cheating, sorry-ed or wrong whole proofs: the gate must refuse every one. */
    static World cheatingWorld() {
        World tiny = TinyWorld.world();
        SimState s0 = new SimState("s0", List.of(TinyWorld.ROOT_GOAL), List.of(
                new SimTactic("native_decide", 1, new SimOutcome.Cheat(SimOutcome.CheatKind.AXIOM, "Lean.ofReduceBool")),
                new SimTactic("simp_all [show False from by assumption]", 1,
                        new SimOutcome.Cheat(SimOutcome.CheatKind.STATEMENT, "False → 0 < x ^ 2 + x")),
                new SimTactic("exact h₀", 1, new SimOutcome.Error(SimOutcome.ErrorKind.ELABORATION, "Type mismatch\n  h₀")),
                new SimTactic("sorry", 1, new SimOutcome.Error(SimOutcome.ErrorKind.ELABORATION, "never used: sorry is the REPL's")),
                new SimTactic("positivity", 0, new SimOutcome.Complete())));
        WorldTheorem t = new WorldTheorem("tiny", TinyWorld.HEADER, TinyWorld.STATEMENT, true, "s0", List.of(s0));
        return new World(World.FORMAT, World.VERSION, true, tiny.model(), 5, "cheats", tiny.latency(), tiny.faults(),
                List.of("norm_num"), List.of(t));
    }

    @Test
    void cheatingWholeProofsAreAllRejectedByTheGate() throws Exception {
        var r = prove(cheatingWorld(), "kimina-prover", 24);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(0, doc.get("proved").asLong(), r.out());
        try (Store store = store()) {
            Run run = store.runs().list().get(0).run();
            Attempt a = store.attempts().forRun(run.id()).get(0);
            assertEquals(AttemptMode.WHOLE_PROOF, a.mode());
            assertEquals(24, a.samples());
            RecordedTree tree = store.attempts().tree(a.id());
            assertEquals(24, tree.edges().size());
            Set<String> seen = new java.util.HashSet<>();
            for (EdgeRecord e : tree.edges()) {
                assertEquals(EdgeKind.PROOF_REJECTED, e.kind(), e.tactic() + ": " + e.message());
                seen.add(e.tactic());
                // Each refused for what it is.
                String why = switch (e.tactic()) {
                    case "native_decide" -> "native_decide";
                    case "simp_all [show False from by assumption]" -> "declaration type mismatch";
                    case "exact h₀" -> "Type mismatch";
                    case "sorry" -> "sorry";
                    default -> throw new AssertionError("unexpected proof " + e.tactic());
                };
                assertTrue(e.message().contains(why), e.tactic() + ": " + e.message());
            }
            // All four kinds of bad proof were drawn and refused.
            assertEquals(Set.of("native_decide", "simp_all [show False from by assumption]", "exact h₀", "sorry"), seen);
        }
    }

    /** A world whose model nearly always writes `exact h₀` (wrong) first; `positivity` proves the theorem. */
    static World repairWorld() {
        World tiny = TinyWorld.world();
        SimState s0 = new SimState("s0", List.of(TinyWorld.ROOT_GOAL), List.of(
                new SimTactic("exact h₀", 200, new SimOutcome.Error(SimOutcome.ErrorKind.ELABORATION,
                        "Type mismatch\n  h₀\nhas type\n  0 < x : Prop\nbut is expected to have type\n  0 < x ^ 2 + x : Prop")),
                new SimTactic("positivity", 1, new SimOutcome.Complete())));
        WorldTheorem t = new WorldTheorem("tiny", TinyWorld.HEADER, TinyWorld.STATEMENT, true, "s0", List.of(s0));
        return new World(World.FORMAT, World.VERSION, true, tiny.model(), 5, "repair", tiny.latency(), tiny.faults(),
                List.of("norm_num"), List.of(t));
    }

    @Test
    void aRevisionFromLeansErrorsTurnsAWrongProofIntoAnAcceptedOne() throws Exception {
        // Without revisions the one sampled proof is the wrong one.
        var without = prove(repairWorld(), "goedel-prover-v2", 1, "--name", "once");
        assertEquals(1, without.exitCode(), without.out() + without.err());
        var r = prove(repairWorld(), "goedel-prover-v2", 1, "--revisions", "2", "--name", "revised");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        try (Store store = store()) {
            Run run = store.runs().findByName("revised").orElseThrow();
            Attempt a = store.attempts().forRun(run.id()).get(0);
            assertTrue(a.proof().isPresent());
            List<EdgeRecord> chain = store.attempts().tree(a.id()).edges();
            // The chain as stored: the sampled proof refused with Lean's error, then its revision accepted.
            assertEquals(2, chain.size(), chain.toString());
            assertEquals("exact h₀", chain.get(0).tactic());
            assertEquals(EdgeKind.PROOF_REJECTED, chain.get(0).kind());
            assertTrue(chain.get(0).message().contains("Type mismatch"), chain.get(0).message());
            assertEquals("positivity", chain.get(1).tactic());
            assertEquals(EdgeKind.PROOF_COMPLETE, chain.get(1).kind());
            assertEquals("revision 1 of proof 0", chain.get(1).message());
            // One proof sampled, one revision of it: counted apart, together the chain's edges.
            assertEquals(1, a.samples());
            assertEquals(1, a.revisions());
            // Each edge keeps the reply it came from; the revision keeps the repair turn it answered, Lean's error marked.
            assertTrue(chain.get(0).thought().contains("```lean4"), chain.get(0).thought());
            assertEquals("", chain.get(0).feedback());
            assertTrue(chain.get(1).feedback().startsWith("The proof (Round 0) is not correct."), chain.get(1).feedback());
            assertTrue(chain.get(1).feedback().contains("<error>exact h₀</error>"), chain.get(1).feedback());
            assertTrue(chain.get(1).revision());
        }
        // The report's page shows the attempt's mode, samples and revisions, the accepted reply and the chain with Lean's errors.
        var report = new CliHarness(dir).run("report", "revised", "--out", "report");
        assertEquals(0, report.exitCode(), report.err());
        String page = Files.readString(dir.resolve("report/problems").resolve(
                Files.list(dir.resolve("report/problems")).findFirst().orElseThrow().getFileName()));
        assertTrue(page.contains("<tr class=\"whole-proof\"><td class=\"num\">1</td><td>whole-proof</td><td class=\"num\">1</td>"
                + "<td class=\"num\">1</td>"), page);
        assertTrue(page.contains("<h2>Accepted proof as the model wrote it</h2>"), page);
        assertTrue(page.contains("<h4>revision 1</h4>"), page);
        assertTrue(page.contains("&lt;error&gt;exact h₀&lt;/error&gt;"), page);
        assertTrue(page.contains("refused: ") && page.contains("Type mismatch"), page);
        assertFalse(page.contains("<h2>Search tree</h2>"), page);
    }
}
