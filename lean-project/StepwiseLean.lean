-- Built by `make lean` to prove that the pinned Mathlib imports and elaborates here.
import Mathlib

example : (2 : ℝ) + 2 = 4 := by norm_num
