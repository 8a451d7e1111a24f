package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BudgetAndFamilyTest {

    @Test
    void budgetsParseInBothNotations() {
        assertEquals(new Budget(8, 4, 100), Budget.parse("8x4x100"));
        assertEquals(new Budget(32, 16, 400), Budget.parse("32×16×400"));
        assertEquals("2048×2×600", Budget.parse(" 2048 x 2 x 600 ").toString());
    }

    @Test
    void badBudgetsSayWhatIsExpected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Budget.parse("8x4"));
        assertEquals("budget must look like A×W×N (attempts × tactics per expansion × expansions), e.g. 8x4x100; got '8x4'",
                e.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> Budget.parse("0x4x100"));
        assertEquals("budget parts must be >= 1, got 0×4×100", zero.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Budget.parse("8x4x0"));
        assertEquals("budget parts must be >= 1, got 8x4x0", none.getMessage());
        assertEquals("8×4×∞", new Budget(8, 4, Budget.UNLIMITED).toString());
    }

    @Test
    void familiesFollowThePapersGrouping() {
        assertEquals("mathd algebra", ProblemFamily.of("mathd_algebra_478"));
        assertEquals("mathd number theory", ProblemFamily.of("mathd_numbertheory_3"));
        assertEquals("aime", ProblemFamily.of("aimeII_2001_p3"));
        assertEquals("aime", ProblemFamily.of("aime_1983_p1"));
        assertEquals("amc", ProblemFamily.of("amc12a_2019_p21"));
        assertEquals("imo", ProblemFamily.of("imosl_2007_algebra_p6"));
        assertEquals("induction", ProblemFamily.of("induction_sum_odd"));
        assertEquals("algebra", ProblemFamily.of("algebra_sqineq_at2malt1"));
        assertEquals("number theory", ProblemFamily.of("numbertheory_4x3m7y3neq2003"));
        assertEquals("Rudin", ProblemFamily.of("Rudin_exercise_4_8a"));
        assertEquals("other", ProblemFamily.of("example"));
    }
}
