package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The simulated REPL on sketches with {@code have ... := by sorry} holes, as leanprover-community/repl
 * answers them (test/have_by_sorry.in and .expected.out, commit 8948401): holes in {@code sorries}
 * with proof states the client can go on from.
 */
class SimulatedReplSketchTest {
    private static final ReplCodec CODEC = new ReplCodec();

    private static List<ReplResponse> session(ReplRequest... requests) throws Exception {
        StringBuilder in = new StringBuilder();
        RequestWriter w = new RequestWriter(CODEC);
        for (ReplRequest r : requests) {
            in.append(w.frame(r));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(SimulatedRepl.Exit.END, SimulatedRepl.forWorld(SketchWorld.world(), 1).serve(
                new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(new ByteArrayOutputStream())));
        ResponseReader reader = new ResponseReader(new BufferedReader(new StringReader(out.toString(StandardCharsets.UTF_8))));
        List<ReplResponse> responses = new ArrayList<>();
        for (Optional<Frame> f = reader.next(); f.isPresent(); f = reader.next()) {
            responses.add(CODEC.decodeResponse(f.get().text()));
        }
        assertEquals(requests.length, responses.size());
        return responses;
    }

    private static ReplRequest sketch(String... lines) {
        return ReplRequest.Command.in(0, TinyWorld.STATEMENT + "\n  " + String.join("\n  ", lines));
    }

    @Test
    void aSketchGivesEachHoleAProofStateAtItsSorryAndOneWarning() throws Exception {
        List<ReplResponse> r = session(ReplRequest.Command.fresh(TinyWorld.HEADER),
                sketch("have h₁ : 0 ≤ x ^ 2 := by sorry", "have h₂ : 0 < x := by sorry", "nlinarith [h₁, h₂]"),
                new ReplRequest.Tactic("positivity", 0), new ReplRequest.Tactic("exact h₀", 1));
        var c = assertInstanceOf(ReplResponse.CommandResult.class, r.get(1));
        assertEquals(2, c.sorries().size());
        assertEquals(SketchWorld.SQUARE_HOLE, c.sorries().get(0).goal());
        assertEquals(SketchWorld.POSITIVE_HOLE, c.sorries().get(1).goal());
        assertEquals(0, c.sorries().get(0).proofState());
        assertEquals(1, c.sorries().get(1).proofState());
        // pos and endPos span the sorry token (line 2, after "  have h₁ : 0 ≤ x ^ 2 := by ").
        assertEquals(2, c.sorries().get(0).pos().path("line").asInt());
        assertEquals(28, c.sorries().get(0).pos().path("column").asInt());
        assertEquals(33, c.sorries().get(0).endPos().path("column").asInt());
        assertEquals(3, c.sorries().get(1).pos().path("line").asInt());
        assertEquals(1, c.messages().size(), c.messages().toString());
        assertTrue(c.messages().get(0).isSorryWarning());
        // Each hole is a proof state like any other: the step search goes on from it.
        assertEquals(new ProofStatus.Completed(), assertInstanceOf(ReplResponse.TacticResult.class, r.get(2)).proofStatus());
        assertEquals(new ProofStatus.Completed(), assertInstanceOf(ReplResponse.TacticResult.class, r.get(3)).proofStatus());
    }

    @Test
    void aSketchThatLeavesTheGoalOpenHasItsHoleAndAnUnsolvedGoalsErrorButNoWarning() throws Exception {
        List<ReplResponse> r = session(ReplRequest.Command.fresh(TinyWorld.HEADER), sketch("have h₁ : 0 ≤ x ^ 2 := by sorry"));
        var c = assertInstanceOf(ReplResponse.CommandResult.class, r.get(1));
        assertEquals(1, c.sorries().size());
        assertEquals(SketchWorld.SQUARE_HOLE, c.sorries().get(0).goal());
        List<Message> messages = c.messages();
        assertEquals(1, messages.size(), messages.toString());
        assertEquals(Severity.ERROR, messages.get(0).severity());
        assertEquals("unsolved goals\n" + TinyWorld.S1_GOAL, messages.get(0).data());
    }

    @Test
    void aHoleAsATacticAnswersItInSorriesWithoutPositionAndTheMainGoalOpen() throws Exception {
        List<ReplResponse> r = session(ReplRequest.Command.fresh(TinyWorld.HEADER),
                ReplRequest.Command.in(0, TinyWorld.STATEMENT + "\n  sorry"),
                new ReplRequest.Tactic("have h₁ : 0 ≤ x ^ 2 := by sorry", 0));
        var t = assertInstanceOf(ReplResponse.TacticResult.class, r.get(2));
        assertEquals(1, t.sorries().size());
        assertEquals(SketchWorld.SQUARE_HOLE, t.sorries().get(0).goal());
        assertNull(t.sorries().get(0).pos());
        assertEquals(List.of(TinyWorld.S1_GOAL), t.goals());
        assertEquals(new ProofStatus.OpenGoals(), t.proofStatus());
    }

    @Test
    void aHoleProvedInPlaceIsReplayedFromItsStateAndAWrongProofLeavesItUnsolved() throws Exception {
        List<ReplResponse> r = session(ReplRequest.Command.fresh(TinyWorld.HEADER),
                sketch("have h₁ : 0 ≤ x ^ 2 := by", "  positivity", "have h₂ : 0 < x := by exact h₀", "nlinarith [h₁, h₂]"),
                sketch("have h₁ : 0 ≤ x ^ 2 := by", "  exact h₀", "have h₂ : 0 < x := by exact h₀", "nlinarith [h₁, h₂]"));
        var good = assertInstanceOf(ReplResponse.CommandResult.class, r.get(1));
        assertEquals(List.of(), good.sorries());
        assertEquals(List.of(), good.messages());
        var bad = assertInstanceOf(ReplResponse.CommandResult.class, r.get(2));
        assertTrue(bad.messages().stream().anyMatch(m -> m.severity() == Severity.ERROR), bad.messages().toString());
    }
}
