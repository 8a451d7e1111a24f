import Mathlib
import Aesop

set_option maxHeartbeats 400000

open BigOperators Real Nat Topology Rat

/-- miniF2F test `mathd_algebra_478` (statement from yangky11/miniF2F-lean4, MIT/Apache-2.0):
the volume of a cone with base 30 and height 6.5 is 65. -/
theorem mathd_algebra_478 (b h v : ℝ) (h₀ : 0 < b ∧ 0 < h ∧ 0 < v) (h₁ : v = 1 / 3 * (b * h))
    (h₂ : b = 30) (h₃ : h = 13 / 2) : v = 65 := by
  sorry

/-- miniF2F test `mathd_numbertheory_3`: the units digit of the sum of the squares of the first
nine positive integers is 5. -/
theorem mathd_numbertheory_3 :
  (∑ x ∈ Finset.range 10, ((x + 1)^2)) % 10 = 5 := by
  sorry

/-- miniF2F valid `mathd_algebra_10`, written as an `example`: the positive difference between
120% of 30 and 130% of 20 is 10. -/
example : abs ((120 : ℝ) / 100 * 30 - 130 / 100 * 20) = 10 := by
  sorry
