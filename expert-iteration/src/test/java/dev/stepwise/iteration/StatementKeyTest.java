package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class StatementKeyTest {

    @Test
    void theNameAndWhitespaceDoNotCount() {
        assertEquals(StatementKey.of("theorem a (x : ℕ) (h : x > 1) : x * x > 1 := by"),
                StatementKey.of("theorem other_name\n  (x : ℕ)  (h : x > 1) :\n    x * x > 1 := by"));
    }

    @Test
    void bindersAreComparedByPosition() {
        assertEquals(StatementKey.of("theorem a (x y : ℝ) (h₀ : x < y) : x ^ 2 < y ^ 2 ∨ x < 0 := by"),
                StatementKey.of("theorem b (p q : ℝ) (hpq : p < q) : p ^ 2 < q ^ 2 ∨ p < 0 := by"));
        assertEquals(StatementKey.of("theorem a : ∀ n : ℕ, n + 0 = n := by"), StatementKey.of("theorem b : ∀ m : ℕ, m + 0 = m := by"));
    }

    @Test
    void anotherStatementIsAnotherKey() {
        // swapping which binder goes where changes the statement
        assertNotEquals(StatementKey.of("theorem a (x y : ℝ) (h : x < y) : x < y + 1 := by"),
                StatementKey.of("theorem a (x y : ℝ) (h : x < y) : y < x + 1 := by"));
        // a free name (a constant) is not a binder
        assertNotEquals(StatementKey.of("theorem a (x : ℝ) : Real.sqrt x ≥ 0 := by"),
                StatementKey.of("theorem a (x : ℝ) : Real.exp x ≥ 0 := by"));
    }
}
