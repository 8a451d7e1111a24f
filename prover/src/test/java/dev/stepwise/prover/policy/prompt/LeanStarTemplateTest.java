package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code lean-star} template against the reference strings the released code builds
 * (test resources policy/lean-star, whose README names the source and how they were made).
 */
class LeanStarTemplateTest {
    private static final String STATE = "m n : ℕ\nh : n = 2 * m + 1\n⊢ 8 ∣ (2 * m + 1) * (2 * m + 1) - 1";
    private static final PromptInput INPUT = new PromptInput("square_sub_one_divisible_eight",
            "import Mathlib\nopen Nat\n", List.of("intro k"), STATE);
    private static final PromptTemplate LEAN_STAR = PromptTemplate.named("lean-star");

    @Test
    void thePromptIsByteForByteTheReleasedOne() {
        assertEquals(reference("prompt.txt"), LEAN_STAR.render(INPUT));
        assertEquals(List.of(), LEAN_STAR.stops());
        assertEquals(512, LEAN_STAR.released().maxTokens());
        assertTrue(LEAN_STAR.thinks());
    }

    @Test
    void theTacticIsWhatTheReleasedSplitReads() {
        String reply = reference("reply.txt");
        StepReply r = LEAN_STAR.replyFrom(reply).orElseThrow();
        assertEquals(reference("reply-tactic.txt"), r.tactic());
        assertEquals("Since n = 2m + 1, rewriting with h turns the goal into a statement about m alone.", r.thought());
        // The scored characters are the tactic's own, not the thought's nor the fences'.
        assertEquals(r.tactic(), reply.substring(r.scoredFrom(), r.scoredTo()));
    }

    @Test
    void aReplyWithoutAFenceIsTakenWholeAsTheReleaseDoes() {
        StepReply r = LEAN_STAR.replyFrom("nlinarith [sq_nonneg (m - 1)]").orElseThrow();
        assertEquals(reference("bare-reply-tactic.txt"), r.tactic());
        assertEquals("", r.thought());
    }

    @Test
    void theLastOpeningFenceWinsAndAnUnclosedOneRunsToTheEnd() {
        // split(...)[-1]: a thought that quotes a fence of its own does not hide the tactic after it.
        StepReply r = LEAN_STAR.replyFrom("try ```lean4\nsimp\n``` first? no:\n```lean4\n  omega  \n").orElseThrow();
        assertEquals("omega", r.tactic());
        assertEquals("try ```lean4\nsimp\n``` first? no:", r.thought());
        assertEquals(Optional.empty(), LEAN_STAR.replyFrom("a thought only\n```lean4\n```"));
    }

    @Test
    void theTrainingTargetReadsBackAsItsThoughtAndTactic() {
        String target = LEAN_STAR.completionFor("Rewrite with h first.", "rw [h]");
        assertEquals("Rewrite with h first.\n```lean4\nrw [h]\n```", target);
        StepReply back = LEAN_STAR.replyFrom(target).orElseThrow();
        assertEquals("rw [h]", back.tactic());
        assertEquals("Rewrite with h first.", back.thought());
        assertEquals("```lean4\nrw [h]\n```", LEAN_STAR.completionFor("rw [h]"));
    }

    @Test
    void plainTemplatesHaveNoThoughtAndScoreTheWholeCompletion() {
        PromptTemplate internlm2 = PromptTemplate.named("internlm2-stepprover");
        assertFalse(internlm2.thinks());
        StepReply r = internlm2.replyFrom("PROOFSTEP simp<|im_end|>").orElseThrow();
        assertEquals(new StepReply("", "simp", 0, "PROOFSTEP simp<|im_end|>".length()), r);
        assertEquals("PROOFSTEP simp", internlm2.completionFor("ignored thought", "simp"));
    }

    private static String reference(String name) {
        try (InputStream in = LeanStarTemplateTest.class.getResourceAsStream("/dev/stepwise/prover/policy/lean-star/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
