package dev.stepwise.prover.policy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply of {@code /v1/completions} as vLLM, SGLang and llama-server send it. Log-probs come in
 * two shapes: legacy arrays ({@code tokens}/{@code token_logprobs}, vLLM and SGLang) and the chat
 * shape ({@code content[]} of {@code {token, logprob}}, llama-server). The stop string is in
 * {@code stop_reason} (vLLM) or {@code matched_stop} (SGLang): a string, or a token id for EOS.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CompletionResponse(List<Choice> choices, Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(int index, String text, LogProbs logprobs,
            @JsonProperty("finish_reason") String finishReason,
            @JsonProperty("stop_reason") JsonNode stopReason,
            @JsonProperty("matched_stop") JsonNode matchedStop) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogProbs(List<String> tokens, @JsonProperty("token_logprobs") List<Double> tokenLogprobs,
            List<ContentToken> content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContentToken(String token, Double logprob, Double prob) {
        /** llama-server answers {@code prob} in place of {@code logprob} under {@code post_sampling_probs}. */
        Double logprobOrLogOfProb() {
            return logprob != null ? logprob : prob == null ? null : Math.log(prob);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(@JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens) {
    }

    /** The samples in choice-index order; a choice without log-probs is a protocol error. */
    Completions toCompletions(String server) {
        if (choices == null) {
            throw new ProtocolException(server + " answered without 'choices'");
        }
        List<Choice> ordered = new ArrayList<>(choices);
        ordered.sort(java.util.Comparator.comparingInt(Choice::index));
        List<Sample> samples = new ArrayList<>();
        for (Choice c : ordered) {
            samples.add(sample(c, server));
        }
        long prompt = usage == null ? 0 : usage.promptTokens();
        long completion = usage == null ? samples.stream().mapToLong(Sample::tokenCount).sum() : usage.completionTokens();
        return new Completions(samples, prompt, completion);
    }

    private static Sample sample(Choice c, String server) {
        double sum = 0;
        int count = 0;
        List<Sample.TokenLogprob> tokens = new ArrayList<>();
        LogProbs lp = c.logprobs();
        if (lp == null) {
            throw new ProtocolException(server + " returned no log-probs; Stepwise asks for them with every request "
                    + "(vLLM: keep --max-logprobs >= 1)");
        }
        if (lp.content() != null) {
            for (ContentToken t : lp.content()) {
                Double v = t.logprobOrLogOfProb();
                if (v != null) {
                    sum += v;
                    count++;
                    tokens.add(new Sample.TokenLogprob(t.token() == null ? "" : t.token(), v));
                }
            }
        } else if (lp.tokenLogprobs() != null) {
            List<String> texts = lp.tokens();
            for (int i = 0; i < lp.tokenLogprobs().size(); i++) {
                Double v = lp.tokenLogprobs().get(i);
                if (v != null) {
                    sum += v;
                    count++;
                    // Without the token's text the sample cannot be placed, and is scored whole.
                    String text = texts != null && i < texts.size() && texts.get(i) != null ? texts.get(i) : "\u0000";
                    tokens.add(new Sample.TokenLogprob(text, v));
                }
            }
        } else {
            throw new ProtocolException(server + " returned log-probs in an unknown shape");
        }
        JsonNode stop = c.stopReason() != null && !c.stopReason().isNull() ? c.stopReason() : c.matchedStop();
        String matched = stop != null && stop.isTextual() ? stop.asText() : "";
        return new Sample(c.text() == null ? "" : c.text(), sum, count, FinishReason.parse(c.finishReason()), matched, tokens);
    }

    /** The server's reply cannot be read; retrying will not help. */
    static final class ProtocolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }
}
