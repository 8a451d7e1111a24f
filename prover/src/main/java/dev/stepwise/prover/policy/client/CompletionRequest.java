package dev.stepwise.prover.policy.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One {@code /v1/completions} request. Every sampling field is sent explicitly: a field left out
 * falls back to the model's generation config (vLLM) or to server defaults (llama-server samples
 * at temperature 0.8 with top-k 40), and numbers would stop being reproducible.
 */
public record CompletionRequest(String model, String prompt, int n, int maxTokens, double temperature,
        double topP, long seed, List<String> stops, LogprobScale scale) {
    public CompletionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(prompt, "prompt");
        stops = List.copyOf(stops);
        RequestBounds.check(n, maxTokens, temperature, topP);
    }

    /** A request for the raw distribution's log-probs. */
    public CompletionRequest(String model, String prompt, int n, int maxTokens, double temperature, double topP, long seed,
            List<String> stops) {
        this(model, prompt, n, maxTokens, temperature, topP, seed, stops, LogprobScale.RAW);
    }

    CompletionRequest single(long sampleSeed) {
        return new CompletionRequest(model, prompt, 1, maxTokens, temperature, topP, sampleSeed, stops, scale);
    }

    ObjectNode toJson(ObjectMapper json, ServerKind kind) {
        ObjectNode o = json.createObjectNode();
        if (!model.isEmpty()) {
            o.put("model", model);
        }
        o.put("prompt", prompt);
        o.put("max_tokens", maxTokens);
        o.put("temperature", temperature);
        o.put("top_p", topP);
        o.put("seed", seed);
        ArrayNode stop = o.putArray("stop");
        stops.forEach(stop::add);
        switch (kind) {
            case VLLM, SGLANG -> {
                o.put("n", n);
                o.put("top_k", -1);
                // The sampled token's own log-prob; servers always include it.
                o.put("logprobs", 1);
            }
            case LLAMA_CPP -> {
                if (n != 1) {
                    throw new IllegalStateException("llama-server requests carry one sample each");
                }
                o.put("top_k", 0);
                o.put("min_p", 0.0);
                o.put("n_probs", 1);
                o.put("logprobs", 1);
                // llama-server's own choice of distribution (tools/server README): false is its default, the raw one.
                o.put("post_sampling_probs", scale == LogprobScale.PROCESSED);
            }
        }
        return o;
    }
}
