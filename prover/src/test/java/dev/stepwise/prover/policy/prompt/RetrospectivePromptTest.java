package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetrospectivePromptTest {
    @Test
    void theBuiltInPromptShowsTheStateAndTheTacticAndEndsAskingForTheThought() {
        String p = RetrospectivePrompt.builtIn().render("x : ℕ\n⊢ {tactic} = x", "simp [{state}]");
        // Values are inserted verbatim: placeholder-like text inside them is not expanded again.
        assertTrue(p.contains("Tactic state:\n---\nx : ℕ\n⊢ {tactic} = x\n---\nTactic:\n---\nsimp [{state}]\n---\nThought:\n"), p);
        assertTrue(p.endsWith("Thought:\n"), p);
    }

    @Test
    void theThoughtEndsAtTheNextSection() {
        RetrospectivePrompt r = RetrospectivePrompt.builtIn();
        assertEquals("Square it.", r.thoughtFrom("  Square it.\n---\nTactic:\n---\nnlinarith"));
        assertEquals("", r.thoughtFrom("\n---\n"));
    }

    @Test
    void aCustomPromptNeedsBothPlaceholders() {
        assertEquals("the retrospective-thought prompt needs both {state} and {tactic}",
                assertThrows(IllegalArgumentException.class, () -> RetrospectivePrompt.of("State: {state}\nThought:")).getMessage());
        assertEquals("S a T b", RetrospectivePrompt.of("S {state} T {tactic}").render("a", "b"));
    }
}
