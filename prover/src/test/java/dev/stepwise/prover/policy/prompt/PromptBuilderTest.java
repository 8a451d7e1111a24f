package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Truncation by characters (the fallback budget); token budgets are in {@link TokenizerTruncationTest}. */
class PromptBuilderTest {
    private static final PromptTemplate BFS = PromptTemplate.named("bfs-prover");

    private static PromptInput state(String s) {
        return new PromptInput("t", "", List.of(), s);
    }

    @Test
    void aPromptWithinBudgetIsUnchanged() {
        String s = "x : ℝ\n⊢ x = x";
        Prompt p = new PromptBuilder(BFS, new CharCounter(), 100).build(state(s));
        assertEquals(s + ":::", p.text());
        assertEquals(Truncation.NONE, p.truncation());
        assertEquals(s.codePointCount(0, s.length()) + 3, p.length());
    }

    @Test
    void laterGoalsGoFirst() {
        String s = "x : ℝ\n⊢ x = x\n\ncase b\ny : ℝ\n⊢ y = y\n\nz : ℝ\n⊢ z = z";
        // Room for two goals ("x : ℝ\n⊢ x = x\n\ncase b\ny : ℝ\n⊢ y = y" is 35 chars) plus ":::".
        Prompt p = new PromptBuilder(BFS, new CharCounter(), 38).build(state(s));
        assertEquals("x : ℝ\n⊢ x = x\n\ncase b\ny : ℝ\n⊢ y = y:::", p.text());
        assertEquals(Truncation.LATER_GOALS, p.truncation());
        assertEquals(38, p.length());
    }

    @Test
    void hypothesesAreCutFromTheTopAndTheTargetStays() {
        String s = "case succ\na b c : ℕ\nh₀ : a < b\nh₁ : b < c\n  ∧ c < 10\n⊢ a < c\n\n⊢ True";
        PromptBuilder b = new PromptBuilder(BFS, new CharCounter(), 42);
        Prompt p = b.build(state(s));
        // The multi-line hypothesis h₁ is kept whole; the case line and the target stay.
        assertEquals("case succ\nh₁ : b < c\n  ∧ c < 10\n⊢ a < c:::", p.text());
        assertEquals(Truncation.HYPOTHESES, p.truncation());
        assertEquals(42, p.length());
    }

    @Test
    void theSameStateIsAlwaysCutTheSameWay() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            s.append("h").append(i).append(" : x").append(i).append(" ≤ ").append(i).append('\n');
        }
        s.append("⊢ x0 + x1 ≤ 1000");
        PromptBuilder b = new PromptBuilder(BFS, new CharCounter(), 300);
        Prompt first = b.build(state(s.toString()));
        for (int i = 0; i < 5; i++) {
            assertEquals(first, b.build(state(s.toString())));
        }
        assertTrue(first.text().endsWith("h199 : x199 ≤ 199\n⊢ x0 + x1 ≤ 1000:::"), first.text());
        assertTrue(first.length() <= 300 && first.length() > 280, "cut no more than needed: " + first.length());
    }

    @Test
    void theOldestTacticsOfThePathGoBeforeHypotheses() {
        PromptTemplate t = PromptTemplate.named("internlm25-stepprover");
        PromptInput in = new PromptInput("t", "", List.of("intro a", "intro b", "simp at h"), "h : a = b\n⊢ b = a");
        int full = new CharCounter().count(t.render(in));
        Prompt p = new PromptBuilder(t, new CharCounter(), full - "intro a\n".length()).build(in);
        assertTrue(p.text().contains("PROOF_BEFORE: intro b\nsimp at h\n\n"), p.text());
        assertTrue(p.text().contains("STATE_BEFORE: h : a = b\n⊢ b = a\n\n"), p.text());
        assertEquals(Truncation.PROOF_BEFORE, p.truncation());
    }

    @Test
    void aBudgetTooSmallForTheTargetCutsItsEnd() {
        Prompt p = new PromptBuilder(BFS, new CharCounter(), 10).build(state("h : x = 1\n⊢ x + x + x = 3"));
        assertEquals("⊢ x + x:::", p.text());
        assertEquals(Truncation.TARGET, p.truncation());
    }

    @Test
    void aStateWithoutATurnstileIsKeptWholeUntilTheLastResort() {
        Prompt p = new PromptBuilder(BFS, new CharCounter(), 8).build(state("no goals here"));
        assertEquals("no go:::", p.text());
    }

    @Test
    void budgetMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PromptBuilder(BFS, new CharCounter(), 0));
        assertEquals("prompt budget must be >= 1, got 0", e.getMessage());
    }
}
