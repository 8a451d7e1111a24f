package dev.stepwise.prover.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvedFileTest {

    @Test
    void proofsReplaceSorryAndEverythingElseStays() {
        String text = """
                import Mathlib

                /-- doc -/
                theorem a (x : ℕ) : x + 0 = x := by
                  sorry

                -- between
                example : 2 + 2 = 4 := sorry
                theorem c : True := by
                theorem d : 1 = 1 := by sorry
                """;
        List<LeanDeclaration> ds = LeanFileParser.declarations(text, "f.lean");
        String proved = ProvedFile.render(text, ds, Map.of(
                "a", List.of("simp"),
                "example_8", List.of("norm_num"),
                "c", List.of("constructor <;>\n  trivial")));
        assertEquals("""
                import Mathlib

                /-- doc -/
                theorem a (x : ℕ) : x + 0 = x := by
                  simp

                -- between
                example : 2 + 2 = 4 := by
                  norm_num
                theorem c : True := by
                  constructor <;>
                    trivial
                theorem d : 1 = 1 := by sorry
                """, proved);
        // The result is itself a valid statement file whose remaining declaration is d.
        List<LeanDeclaration> again = LeanFileParser.declarations(proved, "f.proved.lean");
        assertEquals(List.of("d"), again.stream().filter(LeanDeclaration::needsProof).map(LeanDeclaration::name).toList());
    }
}
