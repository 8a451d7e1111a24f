package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each released whole-proof model's prompt, rendered byte for byte as its published inference
 * code renders it: the references in whole-proof/prompts.json were produced by that code (see
 * whole-proof/README.md for repository, file and commit).
 */
class WholeProofTemplateTest {

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = WholeProofTemplateTest.class.getResourceAsStream("/whole-proof/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyTemplateRendersItsReleasedPromptByteForByte() throws IOException {
        JsonNode cases = resource("prompts.json");
        int compared = 0;
        for (Map.Entry<String, JsonNode> c : cases.properties()) {
            JsonNode in = c.getValue().get("input");
            WholeProofInput input = new WholeProofInput(in.get("header").asText(), in.get("informal").asText(),
                    in.get("statement").asText());
            for (Map.Entry<String, JsonNode> r : c.getValue().get("rendered").properties()) {
                WholeProofPrompt rendered = WholeProofTemplate.named(r.getKey()).render(input);
                String where = c.getKey() + " / " + r.getKey();
                if (r.getValue().has("prompt")) {
                    assertEquals(r.getValue().get("prompt").asText(),
                            assertInstanceOf(WholeProofPrompt.Completion.class, rendered, where).prompt(), where);
                } else {
                    List<ChatMessage> expected = new ArrayList<>();
                    for (JsonNode m : r.getValue().get("messages")) {
                        expected.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
                    }
                    assertEquals(expected, assertInstanceOf(WholeProofPrompt.Chat.class, rendered, where).messages(), where);
                }
                compared++;
            }
        }
        // Two inputs (with and without an informal statement) for each of the five templates.
        assertEquals(2 * WholeProofTemplate.builtInNames().size(), compared);
    }

    @Test
    void chatModelsAreAskedThroughTheChatEndpointAndDeepSeekV15ContinuesTheFile() {
        assertFalse(WholeProofTemplate.named("deepseek-prover-v1.5").chat());
        assertTrue(WholeProofTemplate.named("goedel-prover-v2").chat());
        assertTrue(WholeProofTemplate.named("kimina-prover").chat());
    }

    @Test
    void aContinuationBecomesTheWholeFileOfThePrompt() {
        WholeProofInput in = new WholeProofInput("import Mathlib\n\n", "", "theorem t : 1 + 1 = 2 := by");
        WholeProofTemplate t = WholeProofTemplate.named("deepseek-prover-v1.5");
        assertEquals("import Mathlib\n\ntheorem t : 1 + 1 = 2 := by\n  norm_num\n",
                t.code(in, "  norm_num\n```\nSome text after the block.").orElseThrow());
        assertTrue(t.code(in, "```\n").isEmpty(), "a reply that closes the block at once holds no proof");
    }

    @Test
    void anUnknownTemplateNamesTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> WholeProofTemplate.named("bfs-prover"));
        assertTrue(e.getMessage().contains("goedel-prover-v2"), e.getMessage());
    }
}
