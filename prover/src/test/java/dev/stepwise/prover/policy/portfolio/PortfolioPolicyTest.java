package dev.stepwise.prover.policy.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.search.Candidate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.Theorem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortfolioPolicyTest {
    private final PortfolioPolicy policy = new PortfolioPolicy();

    private Suggestions suggest(String state, int count, double temperature, long seed) {
        return policy.suggest(new PolicyRequest(new Theorem("t", "", "theorem t := by"),
                new ProofState(new StateHandle() { }, state, 1), List.of(), count, temperature, seed)).join();
    }

    private List<String> top(String state, int count) {
        return suggest(state, count, 0, 0).candidates().stream().map(Candidate::tactic).toList();
    }

    @Test
    void realInequalitiesFavourLinarithPositivityAndNlinarith() {
        List<String> t = top("x y : ℝ\nh₀ : 0 < x\nh₁ : 0 < y\n⊢ 0 < x * y + x ^ 2", 4);
        assertEquals("linarith", t.get(0));
        assertTrue(t.contains("nlinarith [sq_nonneg (x - y), sq_nonneg (x + y)]"), t.toString());
        assertTrue(t.contains("positivity"), t.toString());
        assertTrue(t.contains("nlinarith"), t.toString());
    }

    @Test
    void linearNaturalArithmeticFavoursOmega() {
        assertEquals("omega", top("n m : ℕ\nh : n + 2 * m = 10\n⊢ n % 2 = 0", 1).get(0));
    }

    @Test
    void closedNumeralsFavourNormNumAndDecide() {
        List<String> t = top("⊢ 2 + 2 = 4", 3);
        assertEquals("norm_num", t.get(0));
        assertTrue(t.contains("decide"), t.toString());
    }

    @Test
    void ringEquationsFavourRingNf() {
        List<String> t = top("a b : ℝ\n⊢ (a + b) ^ 2 = a ^ 2 + 2 * a * b + b ^ 2", 2);
        assertTrue(t.contains("ring_nf"), t.toString());
    }

    @Test
    void structureComesFirstForBindersAndConjunctions() {
        assertEquals("intro ε", top("⊢ ∀ (ε : ℝ), 0 < ε → ε / 2 < ε", 1).get(0));
        assertEquals("intro h", top("p q : Prop\n⊢ p → p ∨ q", 1).get(0));
        assertEquals("constructor", top("x : ℝ\n⊢ 0 ≤ x ^ 2 ∧ 0 ≤ |x|", 1).get(0));
        assertEquals("field_simp", top("x : ℝ\nhx : x ≠ 0\n⊢ x / x + 1 / x = (x + 1) / x", 1).get(0));
    }

    @Test
    void scoresBehaveLikeLogProbs() {
        Suggestions s = suggest("x y : ℝ\n⊢ x ^ 2 + y ^ 2 ≥ 2 * x * y", 30, 0, 0);
        double mass = 0;
        double previous = 0;
        for (Candidate c : s.candidates()) {
            assertTrue(c.logProbSum() <= 0);
            assertTrue(c.logProbSum() <= previous + 1e-12, "sorted by score at temperature 0");
            previous = c.logProbSum();
            mass += Math.exp(c.logProbSum());
        }
        assertEquals(1.0, mass, 1e-9, "all candidates together carry the whole probability");
        assertEquals(0, s.totalTokens(), "the portfolio spends no model tokens");
    }

    @Test
    void samplingIsReproducibleBySeedAndVariesAcrossSeeds() {
        String state = "x y : ℝ\nh : x < y\n⊢ x + 1 < y + 1";
        List<Candidate> a = suggest(state, 4, 1.0, 42).candidates();
        assertEquals(a, suggest(state, 4, 1.0, 42).candidates());
        Set<List<Candidate>> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            orders.add(suggest(state, 4, 1.0, seed).candidates());
        }
        assertTrue(orders.size() > 1, "different seeds explore different orders");
        assertNotEquals(0, a.size());
    }

    @Test
    void countLimitsTheAnswer() {
        assertEquals(2, top("⊢ True", 2).size());
        assertEquals("trivial", top("⊢ True", 1).get(0));
    }
}
