package dev.stepwise.prover.policy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reply of {@code /v1/chat/completions}: {@code choices[].message.content}, its
 * {@code finish_reason}, the matched stop string, and {@code usage}. The shape is the one both
 * servers send: vLLM's {@code ChatCompletionResponse} / {@code ChatCompletionResponseChoice} /
 * {@code ChatMessage} (vllm-project/vllm, vllm/entrypoints/openai/chat_completion/protocol.py at
 * commit d5dba2d7b0ab9b98096560c69db7126b54b14d79: {@code index}, {@code message}, {@code finish_reason},
 * {@code stop_reason} "not part of the OpenAI spec but included in vLLM for legacy reasons", {@code usage})
 * and SGLang's classes of the same names (sgl-project/sglang, python/sglang/srt/entrypoints/openai/protocol.py
 * at commit 9b116dffe828b2dfa7ec0e4d061555b6c354b67a: the same fields, with the matched stop as
 * {@code matched_stop}). A server running a reasoning parser moves the thinking out of
 * {@code content} (vLLM at that commit into {@code message.reasoning}, SGLang into
 * {@code message.reasoning_content}); the code the released extractions look for stays in
 * {@code content}, the only text read here. No per-sample token counts come without log-probs, so
 * each sample is credited an equal share of {@code usage.completion_tokens}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatResponse(List<Choice> choices, CompletionResponse.Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason,
            @JsonProperty("stop_reason") JsonNode stopReason, @JsonProperty("matched_stop") JsonNode matchedStop) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String role, String content) {
    }

    Completions toCompletions(String server) {
        if (choices == null) {
            throw new CompletionResponse.ProtocolException(server + " answered without 'choices'");
        }
        List<Choice> ordered = new ArrayList<>(choices);
        ordered.sort(Comparator.comparingInt(Choice::index));
        long completion = usage == null ? 0 : usage.completionTokens();
        int share = ordered.isEmpty() ? 0 : (int) Math.min(Integer.MAX_VALUE, (completion + ordered.size() - 1) / ordered.size());
        List<Sample> samples = new ArrayList<>();
        for (Choice c : ordered) {
            if (c.message() == null) {
                throw new CompletionResponse.ProtocolException(server + " answered a choice without 'message'");
            }
            String text = c.message().content() == null ? "" : c.message().content();
            // vLLM's stop_reason, else SGLang's matched_stop: a string, or a token id (EOS) that names no stop string
            JsonNode stop = c.stopReason() != null && !c.stopReason().isNull() ? c.stopReason() : c.matchedStop();
            String matched = stop != null && stop.isTextual() ? stop.asText() : "";
            samples.add(new Sample(text, 0, share, FinishReason.parse(c.finishReason()), matched));
        }
        return new Completions(samples, usage == null ? 0 : usage.promptTokens(), completion);
    }
}
