package dev.stepwise.prover.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimTactic;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated model answers Lean-STaR's prompt as the released model writes: a thought, then the fenced tactic. */
class ThoughtRepliesTest {
    private static final Sampler ONE = Sampler.of(List.of(
            new SimTactic("positivity", 1, new SimOutcome.Complete(), null, "A square plus a positive is positive.")), Map.of());

    @Test
    void theLeanStarPromptGetsAThoughtAndAFencedTactic() {
        assertEquals(ReplyShape.THOUGHT_THEN_TACTIC, ReplyShape.of("Tactic state:\n---\n⊢ 0 < 1\n---\nReasoning:\n---\n"));
        assertEquals(ReplyShape.TACTIC, ReplyShape.of("⊢ 0 < 1:::"));
        Sampler.Draw d = ONE.draw(new Random(1), 1.0, 512, List.of(), 1, ReplyShape.THOUGHT_THEN_TACTIC);
        assertEquals("A square plus a positive is positive.\n```lean4\npositivity\n```", d.text());
        assertEquals(d.text(), String.join("", d.tokens()));
        assertEquals("stop", d.finishReason());
    }

    @Test
    void theTacticsTokensCarryTheSameLogProbAsInAPlainReply() {
        Sampler.Draw plain = ONE.draw(new Random(1), 1.0, 512, List.of(), 1, ReplyShape.TACTIC);
        Sampler.Draw thinking = ONE.draw(new Random(1), 1.0, 512, List.of(), 1, ReplyShape.THOUGHT_THEN_TACTIC);
        int at = thinking.tokens().indexOf(plain.tokens().get(0));
        assertEquals(plain.tokenLogprobs(), thinking.tokenLogprobs().subList(at, at + plain.tokens().size()));
        assertEquals(plain.tokens(), thinking.tokens().subList(at, at + plain.tokens().size()));
    }

    @Test
    void maxTokensCutsTheThoughtAndTheReplyEndsAtLength() {
        Sampler.Draw d = ONE.draw(new Random(1), 1.0, 3, List.of(), 1, ReplyShape.THOUGHT_THEN_TACTIC);
        assertEquals(3, d.tokens().size());
        assertEquals("length", d.finishReason());
        assertEquals("A square plus", d.text());
    }
}
