package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The built-in conjecture prompt against reference strings built as STP's release builds them:
 * kfdong/STP 2b5fe8b, RL/utils/model_utils.py, get_prompt(test_info, ..., invoke_type='conjecture'):
 * <pre>
 * f'Complete the following Lean 4 code:\n\n```lean4\n' \
 * f'{INVOKED_LEMMA}\n{shared_lemma.strip()}\n{START_LEMMA_STMT}\n' \
 * f'{easy_theorem.strip()}\n{START_THM}\n theorem'
 * </pre>
 * with INVOKED_LEMMA = '&lt;lemma&gt;', START_LEMMA_STMT = '&lt;easy theorem&gt;', START_THM = '&lt;hard theorem&gt;',
 * easy_theorem = statement + proof. The lemma and easy theorem are the paper's appendix A.1 example.
 */
class ConjecturePromptTest {
    private static final String LEMMA = "lemma sq_nonneg (a : α) : 0 ≤ a ^ 2";
    private static final String EASY = "theorem lean_workbook_9742 (a b c : R) (ha : a ≥ 0) (hb : b ≥ 0) (hc : c ≥ 0) (hab :\n"
            + "   a + b + c = 1) : a^2 + b^2 + c^2 ≤ 1 / 4 + a^3 + b^3 + c^3 := by\n"
            + "nlinarith [sq_nonneg (a - 1 / 2), sq_nonneg (b - 1 / 2), sq_nonneg (c - 1 / 2),\n"
            + "mul_nonneg ha hb, mul_nonneg hb hc, mul_nonneg ha hc, hab]";

    @Test
    void theBuiltInPromptIsTheReleasedOneByteForByte() {
        String reference = "Complete the following Lean 4 code:\n\n```lean4\n" + "<lemma>\n" + LEMMA + "\n<easy theorem>\n" + EASY
                + "\n<hard theorem>\n theorem";
        assertEquals(reference, ConjecturePrompt.builtIn().render("  " + LEMMA + "\n", "\n" + EASY + "\n\n"));
        // Stepwise pairs no shared lemma with a seed: the release's empty lemma
        assertEquals("Complete the following Lean 4 code:\n\n```lean4\n<lemma>\n\n<easy theorem>\n" + EASY + "\n<hard theorem>\n theorem",
                ConjecturePrompt.builtIn().render("", EASY));
    }

    @Test
    void aReplyIsReadAsCollectConjectureReadsIt() {
        ConjecturePrompt p = ConjecturePrompt.builtIn();
        // the paper's output: cut at </hard theorem>, ':= by' appended
        assertEquals(Optional.of("theorem lean_workbook_9229 (a b c : R) (ha : 0 < a ∧ 0 < b ∧ 0 < c) (hab : a + b + c = 1) :\n"
                + "   a^3 / (a * b) + b^3 / (b * c) + c^3 / (c * a) ≥ 1 - a^2 - b^2 - c^2 := by"),
                p.statementFrom(" lean_workbook_9229 (a b c : R) (ha : 0 < a ∧ 0 < b ∧ 0 < c) (hab : a + b + c = 1) :\n"
                        + "   a^3 / (a * b) + b^3 / (b * c) + c^3 / (c * a) ≥ 1 - a^2 - b^2 - c^2</hard theorem>"));
        // a proof the model wrote after the statement is dropped from ':=' on
        assertEquals(Optional.of("theorem t (x : ℕ) : x = x := by"), p.statementFrom(" t (x : ℕ) : x = x := by\n  rfl\n</hard theorem>"));
        assertEquals(Optional.empty(), p.statementFrom("   </hard theorem>"));
        assertEquals(" t (x : ℕ) : x = x := by\n</hard theorem>", p.completion("theorem t (x : ℕ) : x = x := by"));
    }

    @Test
    void aUsersPromptMustLeaveTheDeclarationOpen() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConjecturePrompt.of("Write a theorem like {easy_theorem}:"));
        assertEquals("the conjecture prompt must end with 'theorem' (the reply continues the declaration)", e.getMessage());
    }
}
