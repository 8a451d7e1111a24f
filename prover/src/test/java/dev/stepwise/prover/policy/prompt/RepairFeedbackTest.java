package dev.stepwise.prover.policy.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Goedel-Prover-V2's self-correction turn, byte for byte: whole-proof/repair.json holds what its
 * published {@code get_error_str} and {@code DeepSeekCoTHandler.generate_correction_prompt}
 * (src/utils.py @2e9036e) returned for the same code and errors (three errors, one without an end;
 * ten errors, two omitted; a span cut after six lines), and the conversations of rounds 1 and 2.
 */
class RepairFeedbackTest {

    private static List<LeanError> errors(JsonNode list) {
        List<LeanError> out = new ArrayList<>();
        for (JsonNode e : list) {
            JsonNode end = e.get("endPos");
            out.add(new LeanError(e.get("pos").get("line").asInt(), e.get("pos").get("column").asInt(),
                    end.isNull() ? 0 : end.get("line").asInt(), end.isNull() ? 0 : end.get("column").asInt(),
                    e.get("data").asText()));
        }
        return out;
    }

    private static List<ChatMessage> messages(JsonNode list) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : list) {
            out.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
        }
        return out;
    }

    @Test
    void theErrorBlockIsGoedelsByteForByte() throws IOException {
        JsonNode cases = WholeProofTemplateTest.resource("repair.json");
        int compared = 0;
        for (Map.Entry<String, JsonNode> c : cases.properties()) {
            assertEquals(c.getValue().get("block").asText(),
                    RepairFeedback.errorBlock(c.getValue().get("code").asText(), errors(c.getValue().get("errors"))), c.getKey());
            compared++;
        }
        assertEquals(3, compared);
    }

    @Test
    void theRevisionConversationsAreGoedelsByteForByte() throws IOException {
        JsonNode cases = WholeProofTemplateTest.resource("repair.json");
        JsonNode three = cases.get("three");
        JsonNode ten = cases.get("ten");
        WholeProofInput in = new WholeProofInput("import Mathlib\n\n", "", "theorem tiny (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 + x := by");
        WholeProofPrompt.Chat first = (WholeProofPrompt.Chat) WholeProofTemplate.named("goedel-prover-v2").render(in);
        WholeProofPrompt.Chat second = RepairFeedback.next(first, "PREVIOUS REPLY", 1, three.get("code").asText(),
                errors(three.get("errors")));
        assertEquals(messages(three.get("turn2_goedel")), second.messages());
        WholeProofPrompt.Chat third = RepairFeedback.next(second, "SECOND REPLY", 2, ten.get("code").asText(),
                errors(ten.get("errors")));
        assertEquals(messages(ten.get("turn3_goedel")), third.messages());
    }
}
