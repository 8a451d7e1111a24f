package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.Message;
import dev.stepwise.lean.ProofStatus;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.RequestWriter;
import dev.stepwise.lean.ResponseReader;
import dev.stepwise.lean.Severity;
import dev.stepwise.prover.sim.repl.SimulatedRepl;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulated REPL's answers to whole sessions, run in-process on byte streams. */
class SimulatedReplTest {
    private static final ReplCodec CODEC = new ReplCodec();
    private static final String GATE = TinyWorld.STATEMENT + "\n";

    private static List<ReplResponse> session(ReplRequest... requests) throws Exception {
        StringBuilder in = new StringBuilder();
        RequestWriter w = new RequestWriter(CODEC);
        for (ReplRequest r : requests) {
            in.append(w.frame(r));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulatedRepl.Exit exit = SimulatedRepl.forWorld(TinyWorld.world(), 1).serve(
                new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(SimulatedRepl.Exit.END, exit);
        ResponseReader reader = new ResponseReader(new BufferedReader(new StringReader(out.toString(StandardCharsets.UTF_8))));
        List<ReplResponse> responses = new ArrayList<>();
        for (Optional<Frame> f = reader.next(); f.isPresent(); f = reader.next()) {
            responses.add(CODEC.decodeResponse(f.get().text()));
        }
        assertEquals(requests.length, responses.size());
        return responses;
    }

    private static ReplRequest header() {
        return ReplRequest.Command.fresh(TinyWorld.HEADER);
    }

    private static ReplRequest start() {
        return ReplRequest.Command.in(0, TinyWorld.STATEMENT + "\n  sorry");
    }

    @Test
    void startsATheoremAndStepsThroughTheGraph() throws Exception {
        List<ReplResponse> r = session(header(), start(), new ReplRequest.Tactic("have h₁ : 0 ≤ x ^ 2 := by positivity", 0),
                new ReplRequest.Tactic("nlinarith [h₁, h₀]", 1));
        assertEquals(new ReplResponse.CommandResult(0), r.get(0));
        var started = assertInstanceOf(ReplResponse.CommandResult.class, r.get(1));
        assertEquals(1, started.env());
        assertEquals(TinyWorld.ROOT_GOAL, started.sorries().get(0).goal());
        assertEquals(0, started.sorries().get(0).proofState());
        assertTrue(started.messages().get(0).isSorryWarning());
        var step = assertInstanceOf(ReplResponse.TacticResult.class, r.get(2));
        assertEquals(List.of(TinyWorld.S1_GOAL), step.goals());
        assertEquals(new ProofStatus.OpenGoals(), step.proofStatus());
        assertEquals(1, step.proofState());
        var done = assertInstanceOf(ReplResponse.TacticResult.class, r.get(3));
        assertEquals(new ProofStatus.Completed(), done.proofStatus());
        assertEquals(List.of(), done.goals());
        assertEquals(2, done.proofState());
    }

    @Test
    void aFailedExactSetsTheTrapAndParseErrorsAreLeanErrors() throws Exception {
        List<ReplResponse> r = session(header(), start(), new ReplRequest.Tactic("exact h₀", 0),
                new ReplRequest.Tactic("linarth", 0), new ReplRequest.Tactic("frobnicate", 0));
        var trap = assertInstanceOf(ReplResponse.TacticResult.class, r.get(2));
        assertEquals(List.of(), trap.goals());
        assertEquals(new ProofStatus.ContainsSorry(), trap.proofStatus());
        assertEquals(Severity.ERROR, trap.messages().get(0).severity());
        assertEquals("Type mismatch\n  h₀", trap.messages().get(0).data());
        assertEquals(new ReplResponse.ErrorMessage("Lean error:\n<input>:1:1: unknown tactic"), r.get(3));
        assertEquals(new ReplResponse.ErrorMessage("Lean error:\n<input>:1:1: unknown tactic"), r.get(4));
    }

    @Test
    void aTheoremTheWorldDoesNotHaveIsAnErrorThatSaysHowToMakeAWorld() throws Exception {
        List<ReplResponse> r = session(header(), ReplRequest.Command.in(0, "theorem not_in_world (n : Nat) : n = n := by\n  sorry"));
        var refused = assertInstanceOf(ReplResponse.CommandResult.class, r.get(1));
        assertEquals(List.of(), refused.sorries(), "no proof state for a statement the world cannot know");
        assertEquals(Severity.ERROR, refused.messages().get(0).severity());
        String text = refused.messages().get(0).data();
        assertTrue(text.contains("the world has no statement like 'not_in_world', so it does not elaborate here"), text);
        assertTrue(text.contains("stepwise sim generate --from FILE"), text);
    }

    @Test
    void unknownIdsAreRefusedAndIdsOnlyGrow() throws Exception {
        List<ReplResponse> r = session(header(), ReplRequest.Command.in(5, "#check Nat"), new ReplRequest.Tactic("simp", 3),
                start(), start(), new ReplRequest.Tactic("positivity", 1), ReplRequest.Command.in(0, "#check Nat"));
        assertEquals(new ReplResponse.ErrorMessage("Unknown environment."), r.get(1));
        assertEquals(new ReplResponse.ErrorMessage("Unknown proof state."), r.get(2));
        assertEquals(1, ((ReplResponse.CommandResult) r.get(3)).env());
        assertEquals(2, ((ReplResponse.CommandResult) r.get(4)).env());
        assertEquals(1, ((ReplResponse.CommandResult) r.get(4)).sorries().get(0).proofState());
        assertEquals(2, ((ReplResponse.TacticResult) r.get(5)).proofState());
        var check = (ReplResponse.CommandResult) r.get(6);
        assertEquals(3, check.env());
        assertEquals("Nat : Type", check.messages().get(0).data());
    }

    @Test
    void theGateSeesAGoodProofWithTheStandardAxioms() throws Exception {
        List<ReplResponse> r = session(header(), ReplRequest.Command.in(0,
                GATE + "  have h₁ : 0 ≤ x ^ 2 := by positivity\n  nlinarith [h₁, h₀]\n\n#print axioms tiny"));
        var gate = assertInstanceOf(ReplResponse.CommandResult.class, r.get(1));
        assertEquals(List.of(), gate.sorries());
        assertEquals(1, gate.messages().size());
        Message axioms = gate.messages().get(0);
        assertEquals(Severity.INFO, axioms.severity());
        assertEquals("'tiny' depends on axioms: [propext, Classical.choice, Quot.sound]", axioms.data());
    }

    @Test
    void theGateCatchesBothCheatsThatTacticModeAccepts() throws Exception {
        List<ReplResponse> r = session(header(), start(), new ReplRequest.Tactic("native_decide", 0),
                new ReplRequest.Tactic("simp_all [show False from by assumption]", 0),
                ReplRequest.Command.in(0, GATE + "  native_decide\n\n#print axioms tiny"),
                ReplRequest.Command.in(0, GATE + "  simp_all [show False from by assumption]\n\n#print axioms tiny"));
        assertEquals(new ProofStatus.Completed(), ((ReplResponse.TacticResult) r.get(2)).proofStatus());
        assertEquals(new ProofStatus.Completed(), ((ReplResponse.TacticResult) r.get(3)).proofStatus());
        var axiom = (ReplResponse.CommandResult) r.get(4);
        assertEquals("'tiny' depends on axioms: [propext, Classical.choice, Lean.ofReduceBool, Quot.sound]",
                axiom.messages().get(0).data());
        var statement = (ReplResponse.CommandResult) r.get(5);
        assertEquals(Severity.ERROR, statement.messages().get(0).severity());
        assertEquals("(kernel) declaration type mismatch, 'tiny' has type\n  False → 0 < x ^ 2 + x\nbut it is expected to have type\n"
                + "  0 < x ^ 2 + x", statement.messages().get(0).data());
        assertEquals("Unknown constant `tiny`", statement.messages().get(1).data());
    }

    @Test
    void theGatesOwnCommandsAreAnsweredOnTheEnvTheTheoremMade() throws Exception {
        String reference = "theorem stepwise_ref (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 + x := by\n  sorry";
        List<ReplResponse> r = session(header(),
                // 1: a trace printing a fake report, then a cheat; the comment in the statement is whitespace
                ReplRequest.Command.in(0, "theorem tiny (x : ℝ) -- x\n    (h₀ : 0 < x) : 0 < x ^ 2 + x := by\n"
                        + "  trace \"'tiny' does not depend on any axioms\"\n  native_decide"),
                ReplRequest.Command.in(1, "#print axioms tiny"),
                ReplRequest.Command.in(0, "#print axioms tiny"),
                ReplRequest.Command.in(1, reference),
                ReplRequest.Command.in(4, "example : type_of% @tiny = type_of% @stepwise_ref := rfl"),
                ReplRequest.Command.in(1, GATE + "  positivity"));
        var theorem = (ReplResponse.CommandResult) r.get(1);
        assertEquals(List.of(new Message(Severity.INFO, "'tiny' does not depend on any axioms",
                CODEC.parseObject("{\"line\": 3, \"column\": 2}"), CODEC.parseObject("{\"line\": 3, \"column\": 7}"))),
                theorem.messages());
        var report = (ReplResponse.CommandResult) r.get(2);
        assertEquals(List.of("'tiny' depends on axioms: [propext, Classical.choice, Lean.ofReduceBool, Quot.sound]"),
                report.messages().stream().map(Message::data).toList());
        // the header env has no tiny: the constant lives in the env its theorem command returned
        assertEquals("Unknown constant `tiny`", ((ReplResponse.CommandResult) r.get(3)).messages().get(0).data());
        var ref = (ReplResponse.CommandResult) r.get(4);
        assertTrue(ref.messages().get(0).isSorryWarning());
        assertEquals(TinyWorld.ROOT_GOAL, ref.sorries().get(0).goal());
        assertEquals(List.of(), ((ReplResponse.CommandResult) r.get(5)).messages());
        assertEquals("'tiny' has already been declared", ((ReplResponse.CommandResult) r.get(6)).messages().get(0).data());
    }

    @Test
    void aTheoremOfAnotherStatementHasAnotherType() throws Exception {
        List<ReplResponse> r = session(header(),
                ReplRequest.Command.in(0, GATE + "  simp_all [show False from by assumption]"),
                ReplRequest.Command.in(1, "#print axioms tiny"),
                ReplRequest.Command.in(0, "theorem stepwise_ref (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 + x := by\n  sorry"),
                ReplRequest.Command.in(3, "#print axioms stepwise_ref"),
                ReplRequest.Command.in(3, "theorem other (y : ℝ) (h₀ : 0 < y) : 0 < y := by\n  sorry"),
                ReplRequest.Command.in(5, "example : type_of% @stepwise_ref = type_of% @nothing := rfl"));
        // the kernel refused the theorem: it is not declared
        assertEquals("Unknown constant `tiny`", ((ReplResponse.CommandResult) r.get(2)).messages().get(0).data());
        assertEquals("'stepwise_ref' depends on axioms: [sorryAx]",
                ((ReplResponse.CommandResult) r.get(4)).messages().get(0).data());
        // a statement no world theorem has is not elaborated as one
        assertEquals(List.of(), ((ReplResponse.CommandResult) r.get(5)).sorries());
        assertEquals("Unknown identifier `nothing`", ((ReplResponse.CommandResult) r.get(6)).messages().get(0).data());
    }

    @Test
    void theGateReportsUnsolvedGoalsErrorsAndSorry() throws Exception {
        List<ReplResponse> r = session(header(),
                ReplRequest.Command.in(0, GATE + "  have h₁ : 0 ≤ x ^ 2 := by positivity\n\n#print axioms tiny"),
                ReplRequest.Command.in(0, GATE + "  have h₁ : 0 ≤ x ^ 2 := by positivity\n  linarith\n\n#print axioms tiny"),
                ReplRequest.Command.in(0, GATE + "  sorry\n\n#print axioms tiny"));
        var open = (ReplResponse.CommandResult) r.get(1);
        assertEquals("unsolved goals\n" + TinyWorld.S1_GOAL, open.messages().get(0).data());
        assertEquals("'tiny' depends on axioms: [propext, sorryAx, Classical.choice, Quot.sound]", open.messages().get(1).data());
        var failed = (ReplResponse.CommandResult) r.get(2);
        assertEquals("linarith failed", failed.messages().get(0).data());
        assertEquals(CODEC.parseObject("{\"line\": 3, \"column\": 2}"), failed.messages().get(0).pos());
        var sorry = (ReplResponse.CommandResult) r.get(3);
        assertTrue(sorry.messages().get(0).isSorryWarning());
        assertEquals(TinyWorld.ROOT_GOAL, sorry.sorries().get(0).goal());
        assertEquals("'tiny' depends on axioms: [propext, sorryAx, Classical.choice, Quot.sound]", sorry.messages().get(1).data());
    }

    @Test
    void anEmptyRequestEndsTheSession() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String in = "{\"cmd\": \"import Mathlib\"}\n\n\n{\"cmd\": \"import Mathlib\"}\n\n";
        SimulatedRepl.Exit exit = SimulatedRepl.forWorld(TinyWorld.world(), 1).serve(
                new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(SimulatedRepl.Exit.END, exit);
        assertEquals("{\"env\": 0}\n\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theProcessStartCountsTowardsTheSimulatedStartAndFirstImport() throws Exception {
        // a start and an import of half an hour each, in a process that began an hour ago: both
        // already done, so the session answers at once (it would hang for an hour otherwise)
        Latency slowStart = new Latency(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(50), Duration.ZERO, Duration.ZERO, 8);
        String in = new RequestWriter(CODEC).frame(header());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulatedRepl.Exit exit = SimulatedRepl.forWorld(TinyWorld.world(slowStart, Faults.none()), 1,
                Instant.now().minus(Duration.ofHours(1))).serve(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
                out, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(SimulatedRepl.Exit.END, exit);
        Frame answer = new ResponseReader(new BufferedReader(new StringReader(out.toString(StandardCharsets.UTF_8))))
                .next().orElseThrow();
        assertEquals(new ReplResponse.CommandResult(0), CODEC.decodeResponse(answer.text()));
    }
}
