package dev.stepwise.prover.policy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chat replies in the two servers' shapes (vLLM chat_completion/protocol.py @d5dba2d, SGLang
 * entrypoints/openai/protocol.py @9b116df; see ChatResponse), and the request bounds both check.
 */
class ChatResponseShapesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void vllmReplyWithReasoningAndStopReasonKeepsContentInIndexOrder() throws Exception {
        String body = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[
                 {"index":1,"message":{"role":"assistant","content":"second","reasoning":"hmm"},"finish_reason":"length","stop_reason":null},
                 {"index":0,"message":{"role":"assistant","content":"first","reasoning":null},"finish_reason":"stop","stop_reason":"```"}],
                 "usage":{"prompt_tokens":7,"total_tokens":17,"completion_tokens":10}}""";
        Completions c = json.readValue(body, ChatResponse.class).toCompletions("vllm");
        assertEquals(List.of("first", "second"), c.samples().stream().map(Sample::text).toList());
        assertEquals("```", c.samples().get(0).matchedStop());
        assertEquals(FinishReason.LENGTH, c.samples().get(1).finish());
        assertEquals(5, c.samples().get(0).tokenCount());
        assertEquals(7, c.promptTokens());
    }

    @Test
    void sglangReplyNamesItsStopMatchedStopAndAnEosTokenIdIsNoStopString() throws Exception {
        String body = """
                {"id":"x","object":"chat.completion","created":1,"model":"m","choices":[
                 {"index":0,"message":{"role":"assistant","content":"a","reasoning_content":"r"},"finish_reason":"stop","matched_stop":"</s>"},
                 {"index":1,"message":{"role":"assistant","content":"b"},"finish_reason":"stop","matched_stop":151643}],
                 "usage":{"prompt_tokens":3,"total_tokens":5,"completion_tokens":2}}""";
        Completions c = json.readValue(body, ChatResponse.class).toCompletions("sglang");
        assertEquals("</s>", c.samples().get(0).matchedStop());
        assertEquals("", c.samples().get(1).matchedStop());
    }

    @Test
    void anInfiniteTemperatureIsRefusedBeforeSendingAsBothServersRefuseIt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RequestBounds.check(1, 16, Double.POSITIVE_INFINITY, 0.95));
        assertEquals("temperature must be a finite number >= 0, got Infinity", e.getMessage());
    }
}
