package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The word filter reads Lean tokens: every known spelling of a cheat is caught, no ordinary name is. */
class TacticFilterTest {
    private final TacticFilter filter = TacticFilter.defaults();

    @Test
    void catchesEveryKnownSpelling() {
        assertEquals(List.of("by_elab"), filter.findAll("by_elab do return ()"));
        assertEquals(List.of("run_meta"), filter.findAll("run_meta Lean.logInfo \"x\""));
        assertEquals(List.of("macro_rules"), filter.findAll("macro_rules | `(tactic| norm_num) => `(tactic| rfl)"));
        assertEquals(List.of("elab_rules"), filter.findAll("elab_rules : tactic | `(tactic| simp) => pure ()"));
        assertEquals(List.of("decide +native"), filter.findAll("decide  +native"));
        assertEquals(List.of("native := true"), filter.findAll("decide (config := {native:=true})"));
        assertEquals(List.of("native := true"), filter.findAll("decide (native := true)"));
        assertEquals(List.of("ofReduceBool"), filter.findAll("exact _root_.Lean.ofReduceBool _ _ rfl"));
        assertEquals(List.of("ofReduceBool"), filter.findAll("exact Lean.«ofReduceBool» _ _ rfl"));
        assertEquals(List.of("skipKernelTC"), filter.findAll("set_option debug.«skipKernelTC» true in rfl"));
        assertEquals(List.of("skipKernelTC"), filter.findAll("set_option debug.skipKernelTC true in rfl"));
        assertEquals(List.of("unsafeCast"), filter.findAll("exact unsafeCast ()"));
        assertEquals(List.of("sorry"), filter.findAll("exact «sorry»"));
        assertEquals(List.of("sorryAx"), filter.findAll("exact (sorryAx _ false)"));
        assertEquals(List.of("#eval"), filter.findAll("#eval 1"));
        assertEquals(Optional.of("forbidden: contains `native_decide`"), filter.check("first | native_decide | rfl"));
    }

    @Test
    void letsOrdinaryNamesThatContainTheLettersThrough() {
        for (String tactic : List.of("exact sorry_free h", "simp [Nat.admissible_mod]", "exact axiom_of_choice_lemma",
                "exact h.elaborate", "simp [imported_bound, macro_expansion_ok]", "exact externally_defined",
                "nlinarith [unsafe_bound x]", "exact Lean.Elab.foo", "decide", "exact native_decide_free",
                "simp only [syntax_tree_size]", "rw [notation_lemma]", "exact h.sorry'")) {
            assertEquals(List.of(), filter.findAll(tactic), tactic);
        }
    }

    @Test
    void tokensKnowDottedEscapedAndUnicodeNames() {
        List<LeanText.Token> ts = LeanText.tokens("h₀.trans _root_.Lean.«ofReduceBool» x'");
        assertEquals(List.of("h₀", "trans"), ts.get(0).parts());
        assertEquals(List.of("_root_", "Lean", "ofReduceBool"), ts.get(1).parts());
        assertEquals(List.of("x'"), ts.get(2).parts());
        assertEquals(3, ts.size());
        assertEquals("theorem t : a = b := by", LeanText.normalized("theorem t -- name\n  : a /- x /- nested -/ y -/ = b := by"));
        assertEquals("exact «a--b» \"--\"", LeanText.normalized("exact «a--b» \"--\" -- gone"));
        assertEquals(Optional.of("it adds `open Nat in`"), LeanText.firstDifference("import Mathlib\n",
                "-- note\nimport Mathlib\nopen Nat in\n"));
    }
}
