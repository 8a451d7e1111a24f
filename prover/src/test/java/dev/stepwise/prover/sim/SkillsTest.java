package dev.stepwise.prover.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.Skills;
import org.junit.jupiter.api.Test;

/** A tactic's skill is its family and the lemma it names, read from its text (docs/world-format.md). */
class SkillsTest {

    @Test
    void familiesLemmasAndDecompositionMoves() {
        assertEquals("rw:sub_nonneg", Skills.of("rw [← sub_nonneg]"));
        assertEquals("rw:mul_comm", Skills.of("rw  [mul_comm]"));
        assertEquals("nlinarith:sq_nonneg", Skills.of("nlinarith [sq_nonneg (x - 1), sq_nonneg (x + 1)]"));
        assertEquals("nlinarith:sq_nonneg", Skills.of("nlinarith [sq_nonneg y]"));
        assertEquals("linarith:hyp", Skills.of("linarith [h₀]"));
        assertEquals("norm_num:hyp", Skills.of("norm_num [h₁]"));
        assertEquals("have:positivity", Skills.of("have h₁ : 0 ≤ x ^ 2 := by positivity"));
        assertEquals("have:nlinarith", Skills.of("have h₂ : 0 ≤ (x - 1) ^ 2 := by nlinarith [sq_nonneg x]"));
        assertEquals("intro", Skills.of("intro x y"));
        assertEquals("obtain", Skills.of("obtain ⟨hl, hr⟩ := h"));
        assertEquals("constructor", Skills.of("constructor"));
        assertEquals("norm_num", Skills.of("norm_num"));
    }

    @Test
    void aTacticWithoutASkillGetsTheOneItsTextGives() {
        assertEquals("linarith", new SimTactic("linarith", 1, new SimOutcome.Complete()).skill());
        assertEquals("custom", new SimTactic("linarith", 1, new SimOutcome.Complete(), "custom").skill());
    }
}
