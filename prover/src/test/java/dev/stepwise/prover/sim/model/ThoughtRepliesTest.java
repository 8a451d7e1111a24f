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

    @Test
    void theRetrospectivePromptIsAnsweredWithTheWorldsThoughtForThatTactic() {
        dev.stepwise.prover.sim.world.World world = new dev.stepwise.prover.sim.world.World(
                dev.stepwise.prover.sim.world.World.FORMAT, dev.stepwise.prover.sim.world.World.VERSION, true, "m", 1, "t",
                dev.stepwise.prover.sim.TinyWorld.world().latency(), dev.stepwise.prover.sim.TinyWorld.world().faults(), List.of("simp"),
                List.of(new dev.stepwise.prover.sim.world.WorldTheorem("t", "", "theorem t : 0 < 1 := by", true, "s0", List.of(
                        new dev.stepwise.prover.sim.world.SimState("s0", List.of("⊢ 0 < 1"), List.of(
                                new SimTactic("norm_num", 1, new SimOutcome.Complete(), null, "Both sides are numerals."),
                                new SimTactic("simp", 1, new SimOutcome.Complete())))))));
        RetrospectiveThoughts thoughts = new RetrospectiveThoughts(new StateLocator(world));
        String prompt = dev.stepwise.prover.policy.prompt.RetrospectivePrompt.builtIn().render("⊢ 0 < 1", "norm_num");
        assertEquals(true, RetrospectiveThoughts.asked(prompt));
        assertEquals("Both sides are numerals.", thoughts.answer(prompt, 256, List.of("\n---")).text());
        assertEquals("The goal looks like a job for simp.",
                thoughts.thought(dev.stepwise.prover.policy.prompt.RetrospectivePrompt.builtIn().render("⊢ 0 < 1", "simp")));
        assertEquals("length", thoughts.answer(prompt, 2, List.of()).finishReason());
        assertEquals(false, RetrospectiveThoughts.asked("Tactic state:\n---\n⊢ 0 < 1\n---\nReasoning:\n---\n"));
    }
}
