import Mathlib

open Real

/-- A square is non-negative. -/
theorem sq_nonneg_example (x : ℝ) : 0 ≤ x ^ 2 := by
  sorry

/-- Linear arithmetic over the reals. -/
theorem real_linear_example (a b : ℝ) (h₀ : a < b) (h₁ : 0 < a) : 0 < b := by
  sorry

/-- AM-GM for two numbers, in the form nlinarith likes. -/
theorem two_mul_le_sq_add_sq (a b : ℝ) : 2 * a * b ≤ a ^ 2 + b ^ 2 := by
  sorry

/-- A statement over several lines, with a hypothesis using a subscript name. -/
theorem multi_line_example (x : ℝ)
    (h₀ : 0 < x)
    (h₁ : x < 1) :
    x ^ 2 < x := by
  sorry
