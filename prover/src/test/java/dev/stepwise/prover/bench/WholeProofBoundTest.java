package dev.stepwise.prover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The whole-proof figure's Lean work counts a proof's tactics as the simulated REPL elaborates
 * them (TheoremText: a line indented deeper continues the tactic above it), so its bound never
 * counts more tactic times than the REPL spends.
 */
class WholeProofBoundTest {

    @Test
    void aProofsTacticsAreItsOutermostLines() {
        assertEquals(1, EvalBench.topLevelLines("positivity"));
        assertEquals(2, EvalBench.topLevelLines("have h₁ : 0 ≤ x ^ 2 := by positivity\nnlinarith [h₁, h₀]"));
        assertEquals(2, EvalBench.topLevelLines("have h : a := by\n  simp\n  ring\nexact h\n\n"));
    }
}
