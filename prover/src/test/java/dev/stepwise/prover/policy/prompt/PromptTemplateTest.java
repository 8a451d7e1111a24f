package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
    private static final String STATE = "m n : ℕ\nh : n = 2 * m + 1\n⊢ 8 ∣ (2 * m + 1) * (2 * m + 1) - 1";
    private static final PromptInput INPUT = new PromptInput("square_sub_one_divisible_eight",
            "import Mathlib\nopen Nat\n", List.of("intro k", "rw [h, pow_two]"), STATE);

    @Test
    void bfsProverIsTheStateFollowedByThreeColons() {
        PromptTemplate t = PromptTemplate.named("bfs-prover");
        assertEquals(STATE + ":::", t.render(INPUT));
        assertEquals(List.of(), t.stops());
        assertEquals(Optional.of("norm_num [h]"), t.tacticFrom(" norm_num [h]\n"));
        assertEquals("norm_num [h]", t.completionFor("norm_num [h]"));
    }

    @Test
    void internLm25UsesTheChatTemplateWithNameProofBeforeAndState() {
        PromptTemplate t = PromptTemplate.named("internlm25-stepprover");
        String expected = "<|im_start|>user\n"
                + "---\nNAME: square_sub_one_divisible_eight\n\n"
                + "---\nPROOF_BEFORE: intro k\nrw [h, pow_two]\n\n"
                + "---\nSTATE_BEFORE: " + STATE + "\n\n"
                + "---\nTACTIC: <|im_end|>\n"
                + "<|im_start|>assistant\n";
        assertEquals(expected, t.render(INPUT));
        assertEquals(List.of("<|im_end|>"), t.stops());
        assertEquals(Optional.of("omega"), t.tacticFrom("omega<|im_end|>"));
    }

    @Test
    void internLm25WithAnEmptyPathLeavesProofBeforeEmpty() {
        PromptInput root = new PromptInput("t", "", List.of(), "⊢ True");
        assertEquals("<|im_start|>user\n---\nNAME: t\n\n---\nPROOF_BEFORE: \n\n---\nSTATE_BEFORE: ⊢ True\n\n"
                + "---\nTACTIC: <|im_end|>\n<|im_start|>assistant\n", PromptTemplate.named("internlm25-stepprover").render(root));
    }

    @Test
    void internLm2HasDeclAndGoalAndCutsTheProofstepPrefix() {
        PromptTemplate t = PromptTemplate.named("internlm2-stepprover");
        assertEquals("<|im_start|>user\nDECL square_sub_one_divisible_eight\nGOAL " + STATE + "\n<|im_end|>\n"
                + "<|im_start|>assistant\n", t.render(INPUT));
        assertEquals(Optional.of("induction n with t Ht"), t.tacticFrom("PROOFSTEP induction n with t Ht"));
        assertEquals("PROOFSTEP simp", t.completionFor("simp"));
    }

    @Test
    void reproverTemplatesAreItsTwoGenerators() {
        // lean-dojo/ReProver prover/tactic_generator.py: VllmGenerator's "[GOAL]\n%s\n[PROOFSTEP]\n" and the ByT5
        // HuggingFaceGenerator's "%s" (the raw goal text).
        assertEquals("[GOAL]\n" + STATE + "\n[PROOFSTEP]\n", PromptTemplate.named("reprover-vllm").render(INPUT));
        assertEquals(STATE, PromptTemplate.named("reprover-byt5").render(INPUT));
        assertEquals(2300, PromptTemplate.named("reprover-byt5").released().promptTokens());
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.named("reprover"));
    }

    @Test
    void customTemplatesSubstituteEveryPlaceholderOnce() {
        PromptTemplate t = PromptTemplate.custom("{header}-- {name}\n{proof_before}\n{{state}} {state}:::", List.of("\n\n"), "");
        PromptInput tricky = new PromptInput("thm", "import Mathlib\n", List.of("a", "b"), "⊢ {name} = {state}");
        // Values are inserted verbatim: a placeholder-like text inside the state is not expanded again.
        assertEquals("import Mathlib\n-- thm\na\nb\n{state} ⊢ {name} = {state}:::", t.render(tricky));
        assertEquals(Optional.of("simp"), t.tacticFrom("simp\n\nlinarith"));
    }

    @Test
    void customTemplateErrorsNameTheProblem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PromptTemplate.custom("{goal}:::", List.of(), ""));
        assertEquals("template has an unknown placeholder {goal}; known: {state} {name} {proof_before} {header}",
                unknown.getMessage());
        IllegalArgumentException noState = assertThrows(IllegalArgumentException.class,
                () -> PromptTemplate.custom("{name}", List.of(), ""));
        assertEquals("template custom has no {state} placeholder", noState.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.custom("{state", List.of(), ""));
        IllegalArgumentException builtIn = assertThrows(IllegalArgumentException.class, () -> PromptTemplate.named("gpt"));
        assertTrue(builtIn.getMessage().startsWith("unknown prompt template 'gpt'; built-in templates are bfs-prover,"));
    }

    @Test
    void blankCompletionsGiveNoTactic() {
        PromptTemplate t = PromptTemplate.named("internlm2-stepprover");
        assertEquals(Optional.empty(), t.tacticFrom("   \n"));
        assertEquals(Optional.empty(), t.tacticFrom("PROOFSTEP "));
        assertEquals(Optional.of("simp"), t.tacticFrom("PROOFSTEP\nsimp"));
    }

    @Test
    void usesReportsThePlaceholdersPresent() {
        assertTrue(PromptTemplate.named("internlm25-stepprover").uses(Placeholder.PROOF_BEFORE));
        assertFalse(PromptTemplate.named("bfs-prover").uses(Placeholder.PROOF_BEFORE));
        assertFalse(PromptTemplate.named("bfs-prover").uses(Placeholder.NAME));
    }
}
