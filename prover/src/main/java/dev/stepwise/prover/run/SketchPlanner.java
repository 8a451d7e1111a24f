package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.client.ChatRequest;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.client.Completions;
import dev.stepwise.prover.policy.prompt.ChatMessage;
import java.time.Duration;
import java.util.List;

/**
 * Where sketches come from: one reply of the planner to a conversation. Throws the search's
 * {@code PolicyUnavailableException} when its server cannot answer.
 */
@FunctionalInterface
public interface SketchPlanner {

    Completions ask(List<ChatMessage> conversation, long seed);

    /** The planner's chat server through a client of its own ({@code /v1/chat/completions}). */
    static SketchPlanner over(CompletionClient client, String model, int maxTokens, double temperature, Duration timeout) {
        return (conversation, seed) -> client.chat(new ChatRequest(model, conversation, 1, maxTokens, temperature, 1.0, seed),
                timeout);
    }
}
