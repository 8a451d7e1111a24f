import Mathlib

/-!
# Arithmetic warm-ups

Small statements that the CPU `portfolio` policy proves in a few steps (omega, decide, norm_num,
simp). Try: `bin/stepwise prove datasets/examples/arithmetic.lean`.
-/

/-- Addition of natural numbers commutes. -/
theorem nat_add_comm_example (a b : ℕ) : a + b = b + a := by
  sorry

/-- A linear fact about integers. -/
theorem int_linear_example (x y : ℤ) (h₀ : x + y = 10) (h₁ : x - y = 2) : x = 6 := by
  sorry

/-- A closed numeric identity. -/
theorem numeral_example : (2 : ℕ) ^ 10 = 1024 := by
  sorry

/-- Divisibility of a concrete number. -/
theorem dvd_example : 7 ∣ 343 := by
  sorry
