package dev.stepwise.prover.policy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reply of {@code /v1/chat/completions}: {@code choices[].message.content}, its
 * {@code finish_reason}, and {@code usage}. A server running a reasoning parser (vLLM's
 * {@code --reasoning-parser}) moves the thinking into {@code message.reasoning_content}; the
 * code the released extractions look for stays in {@code content}. No per-sample token counts
 * come without log-probs, so each sample is credited an equal share of {@code usage.completion_tokens}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatResponse(List<Choice> choices, CompletionResponse.Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason,
            @JsonProperty("stop_reason") JsonNode stopReason) {
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
            String matched = c.stopReason() != null && c.stopReason().isTextual() ? c.stopReason().asText() : "";
            samples.add(new Sample(text, 0, share, FinishReason.parse(c.finishReason()), matched));
        }
        return new Completions(samples, usage == null ? 0 : usage.promptTokens(), completion);
    }
}
