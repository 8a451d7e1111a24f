package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a completions request the simulated server acts on. Missing fields take vLLM's
 * defaults ({@code n} 1, {@code max_tokens} 16, {@code temperature} 1); bad ones are refused
 * with a message naming the field.
 */
record ReceivedCompletionRequest(String model, List<String> prompts, int n, int maxTokens, double temperature,
        Integer logprobs, List<String> stop, Long seed, boolean echo) {

    ReceivedCompletionRequest {
        prompts = List.copyOf(prompts);
        stop = List.copyOf(stop);
    }

    static ReceivedCompletionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        String model = body.path("model").asText("");
        List<String> prompts = new ArrayList<>();
        JsonNode p = body.get("prompt");
        if (p != null && p.isTextual()) {
            prompts.add(p.textValue());
        } else if (p != null && p.isArray() && !p.isEmpty()) {
            for (JsonNode item : p) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("prompt: a list of prompts must hold strings");
                }
                prompts.add(item.textValue());
            }
        } else {
            throw new IllegalArgumentException("prompt: expected a string or a non-empty list of strings");
        }
        int n = integer(body, "n", 1);
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        int maxTokens = integer(body, "max_tokens", 16);
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
        }
        double temperature = body.path("temperature").asDouble(1.0);
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be non-negative, got " + temperature);
        }
        Integer logprobs = null;
        JsonNode lp = body.has("logprobs") ? body.get("logprobs") : body.get("n_probs");
        if (lp != null && !lp.isNull()) {
            if (!lp.canConvertToInt() || lp.intValue() < 0 || lp.intValue() > 20) {
                throw new IllegalArgumentException("logprobs must be an integer from 0 to 20, got " + lp);
            }
            logprobs = lp.intValue();
        }
        List<String> stop = new ArrayList<>();
        JsonNode s = body.get("stop");
        if (s != null && s.isTextual()) {
            stop.add(s.textValue());
        } else if (s != null && s.isArray()) {
            s.forEach(x -> stop.add(x.asText()));
        }
        JsonNode seed = body.get("seed");
        return new ReceivedCompletionRequest(model, prompts, n, maxTokens, temperature, logprobs, stop,
                seed == null || seed.isNull() ? null : seed.asLong(), body.path("echo").asBoolean(false));
    }

    private static int integer(JsonNode body, String field, int dflt) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be an integer, got " + v);
        }
        return v.intValue();
    }
}
