package dev.stepwise.prover.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeanFileParserTest {

    private static List<Problem> problems(String text) {
        return LeanFileParser.problems(text, "t.lean");
    }

    private static Defect onlyDefect(String text) {
        ProblemFileException e = assertThrows(ProblemFileException.class, () -> problems(text));
        assertEquals(1, e.defects().size(), e.defects().toString());
        return e.defects().get(0);
    }

    @Test
    void threeDeclarationsAreThreeProblemsWithTheTextBeforeTheFirstAsHeader() {
        String text = """
                import Mathlib
                open Real

                theorem a (x : ℝ) : x = x := by
                  sorry

                lemma b : (1 : ℕ) + 1 = 2 := by sorry

                theorem c (n : ℕ) (h₀ : 0 < n) : n ≠ 0 := by
                """;
        List<Problem> ps = problems(text);
        assertEquals(List.of("a", "b", "c"), ps.stream().map(Problem::name).toList());
        assertEquals("import Mathlib\nopen Real\n\n", ps.get(0).header());
        assertEquals("theorem a (x : ℝ) : x = x := by", ps.get(0).formalStatement());
        assertEquals("lemma b : (1 : ℕ) + 1 = 2 := by", ps.get(1).formalStatement());
        assertEquals("theorem c (n : ℕ) (h₀ : 0 < n) : n ≠ 0 := by", ps.get(2).formalStatement());
        assertEquals("t.lean:4", ps.get(0).source());
        assertEquals("t.lean:9", ps.get(2).source());
    }

    @Test
    void keywordsAndAssignmentsInsideCommentsAndStringsAreIgnored() {
        String text = """
                import Mathlib
                -- theorem fake : False := by sorry
                /- a block comment with theorem inside
                   /- nested: lemma x := y -/
                   still a comment := -/
                def s : String := "theorem in a string := by"
                theorem real (h : s ≠ "x := y") : True := by
                  sorry
                """;
        List<Problem> ps = problems(text);
        assertEquals(1, ps.size());
        assertEquals("real", ps.get(0).name());
        assertEquals("theorem real (h : s ≠ \"x := y\") : True := by", ps.get(0).formalStatement());
        assertTrue(ps.get(0).header().contains("def s : String"), ps.get(0).header());
    }

    @Test
    void docCommentBecomesTheInformalStatementAndLeavesTheHeader() {
        String text = """
                import Mathlib

                /-- Show that it is 65,
                over two lines. -/
                theorem cone (v : ℝ) (h : v = 65) : v = 65 := by
                  sorry
                """;
        Problem p = problems(text).get(0);
        assertEquals("Show that it is 65,\nover two lines.", p.informalStatement());
        assertEquals("import Mathlib\n\n", p.header());
        assertEquals("theorem cone (v : ℝ) (h : v = 65) : v = 65 := by", p.formalStatement());
    }

    @Test
    void multiLineStatementsAttributesAndModifiersStayInTheStatement() {
        String text = """
                import Mathlib

                @[simp]
                private theorem multi (x : ℝ)
                    (h₀ : 0 < x)
                    (h₁ : x < 1) :
                    x ^ 2 < x := by
                  sorry
                """;
        Problem p = problems(text).get(0);
        assertEquals("multi", p.name());
        assertEquals("@[simp]\nprivate theorem multi (x : ℝ)\n    (h₀ : 0 < x)\n    (h₁ : x < 1) :\n    x ^ 2 < x := by",
                p.formalStatement());
        assertEquals("import Mathlib\n\n", p.header());
    }

    @Test
    void linesBetweenDeclarationsReachTheDeclarationsAfterThem() {
        String text = """
                import Mathlib
                theorem first : True := by sorry
                namespace Foo
                open Nat
                variable (n : ℕ)
                theorem second : n + 0 = n := by sorry
                end Foo
                """;
        List<Problem> ps = problems(text);
        assertEquals("import Mathlib\n", ps.get(0).header());
        assertEquals("import Mathlib\nnamespace Foo\nopen Nat\nvariable (n : ℕ)\n", ps.get(1).header());
    }

    @Test
    void exampleIsNamedByItsLineAndTermModeSorryBecomesTactic() {
        String text = """
                import Mathlib

                example (a b : ℕ) : a + b = b + a := sorry
                theorem «weird name» : True :=
                  sorry
                """;
        List<Problem> ps = problems(text);
        assertEquals("example_3", ps.get(0).name());
        assertEquals("theorem example_3 (a b : ℕ) : a + b = b + a := by", ps.get(0).formalStatement());
        assertEquals("«weird name»", ps.get(1).name());
        assertEquals("theorem «weird name» : True := by", ps.get(1).formalStatement());
    }

    @Test
    void primesInNamesAndDefaultArgumentsAndCharLiteralsDoNotConfuseTheScanner() {
        String text = """
                import Mathlib
                def c : Char := 'a'
                theorem t' (f' : ℕ → ℕ) (k : ℕ := 3) (h' : f' k = 'b'.toNat) : f' k = 98 := by
                  sorry
                """;
        Problem p = problems(text).get(0);
        assertEquals("t'", p.name());
        assertEquals("theorem t' (f' : ℕ → ℕ) (k : ℕ := 3) (h' : f' k = 'b'.toNat) : f' k = 98 := by", p.formalStatement());
    }

    @Test
    void theParserReadsCommentsAndLiteralsByTheGatesRules() {
        // one scanner (lean-bridge's LeanScanner) for parser and gate: a raw string has no escapes,
        // a guillemet name may hold `--`, and `/-/- -/` is one comment closed by its first `-/`
        String text = """
                import Mathlib
                def r : String := r"\\" -- the raw string above is whole
                /-/- -/
                theorem «odd -- name» (c : Char := '"') : True := by
                  sorry
                """;
        Problem p = problems(text).getFirst();
        assertEquals("«odd -- name»", p.name());
        assertEquals("theorem «odd -- name» (c : Char := '\"') : True := by", p.formalStatement());
    }

    @Test
    void anUnterminatedRawStringIsADefectAtItsOpening() {
        Defect d = onlyDefect("import Mathlib\ndef s := r#\"abc\"\n");
        assertEquals("unterminated string literal", d.message());
        assertEquals(2, d.line());
    }

    @Test
    void unterminatedCommentIsADefectAtItsOpening() {
        Defect d = onlyDefect("import Mathlib\n\ntheorem x : True := by\n  /- oops\n  sorry\n");
        assertEquals(4, d.line());
        assertEquals(3, d.column());
        assertEquals("unterminated comment '/-' (no matching '-/')", d.message());
    }

    @Test
    void unbalancedBracketsNameTheirPosition() {
        Defect open = onlyDefect("import Mathlib\ntheorem x (h : 0 < 1 : True := by\n  sorry\n");
        assertEquals(2, open.line());
        assertEquals(11, open.column());
        assertEquals("'(' is never closed", open.message());
        Defect mismatch = onlyDefect("theorem x (h : [0] ≠ [1}) : True := by sorry\n");
        assertEquals("'}' closes '[' of line 1:22 (expected ']')", mismatch.message());
    }

    @Test
    void aDeclarationWithoutAssignmentIsADefect() {
        Defect d = onlyDefect("import Mathlib\n\ntheorem nobody : True\n");
        assertEquals(3, d.line());
        assertEquals("'nobody' has no ':=' (pattern-matching bodies are not supported)", d.message());
    }

    @Test
    void provedDeclarationsAndDuplicatesAreReportedTogether() {
        String text = """
                theorem a : True := by trivial
                theorem b : True := by sorry
                theorem b : True := by sorry
                """;
        ProblemFileException e = assertThrows(ProblemFileException.class, () -> problems(text));
        assertEquals(List.of("t.lean:3:1: 'b' is declared twice (first on line 2)"),
                e.defects().stream().map(Defect::toString).toList());
        ProblemFileException proved = assertThrows(ProblemFileException.class,
                () -> problems("theorem a : True := by trivial\n"));
        assertEquals("t.lean:1:1: 'a' already has a proof; a statement file leaves it as 'sorry' or empty after ':= by'",
                proved.getMessage());
    }

    @Test
    void aFileWithoutDeclarationsOrWithLateImportsIsRejected() {
        assertEquals("no theorem, lemma or example found", onlyDefect("import Mathlib\n-- nothing\n").message());
        Defect late = onlyDefect("theorem a : True := by sorry\nimport Mathlib\n");
        assertEquals(2, late.line());
        assertEquals("'import' after the first declaration; imports must come first", late.message());
    }

    @Test
    void completeProofsAreAvailableAsDeclarations() {
        List<LeanDeclaration> ds = LeanFileParser.declarations("""
                import Mathlib
                theorem a (x : ℕ) : x + 0 = x := by
                  simp
                """, "p.lean");
        assertEquals(1, ds.size());
        assertEquals(LeanDeclaration.BodyKind.PROOF, ds.get(0).bodyKind());
        assertEquals("simp", ds.get(0).body());
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        List<Problem> ps = problems("import Mathlib\r\n\r\ntheorem w : True := by\r\n  sorry\r\n");
        assertEquals("w", ps.get(0).name());
        assertEquals("theorem w : True := by", ps.get(0).formalStatement());
    }
}
