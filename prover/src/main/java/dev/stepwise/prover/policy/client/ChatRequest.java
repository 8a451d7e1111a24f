package dev.stepwise.prover.policy.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.policy.prompt.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * One {@code /v1/chat/completions} request (OpenAI's chat API as vLLM serves it,
 * vllm/entrypoints/openai/protocol.py {@code ChatCompletionRequest}: {@code messages}, {@code n},
 * {@code max_tokens}, {@code temperature}, {@code top_p}, {@code seed} and vLLM's extra
 * {@code top_k}; SGLang takes the same fields; the server applies the model's chat template to the
 * messages). Every sampling field is sent, as for completions; llama-server takes one choice per
 * request, as on its completions endpoint. No log-probs are asked for: a whole proof with its reasoning runs to thousands
 * of tokens, and nothing scores whole proofs by them.
 */
public record ChatRequest(String model, List<ChatMessage> messages, int n, int maxTokens, double temperature,
        double topP, long seed) {
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request has at least one message");
        }
        RequestBounds.check(n, maxTokens, temperature, topP);
    }

    ChatRequest single(long sampleSeed) {
        return new ChatRequest(model, messages, 1, maxTokens, temperature, topP, sampleSeed);
    }

    ObjectNode toJson(ObjectMapper json, ServerKind kind) {
        ObjectNode o = json.createObjectNode();
        if (!model.isEmpty()) {
            o.put("model", model);
        }
        ArrayNode list = o.putArray("messages");
        for (ChatMessage m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        o.put("max_tokens", maxTokens);
        o.put("temperature", temperature);
        o.put("top_p", topP);
        o.put("seed", seed);
        switch (kind) {
            case VLLM, SGLANG -> {
                o.put("n", n);
                o.put("top_k", -1);
            }
            case LLAMA_CPP -> {
                if (n != 1) {
                    throw new IllegalStateException("llama-server requests carry one sample each");
                }
                o.put("top_k", 0);
                o.put("min_p", 0.0);
            }
        }
        return o;
    }
}
