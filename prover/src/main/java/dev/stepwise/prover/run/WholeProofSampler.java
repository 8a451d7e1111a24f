package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.client.ChatRequest;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.client.CompletionRequest;
import dev.stepwise.prover.policy.client.Completions;
import dev.stepwise.prover.policy.prompt.WholeProofPrompt;
import java.time.Duration;
import java.util.List;

/**
 * Where whole proofs come from: {@code n} replies to one prompt. Throws the search's
 * {@code PolicyUnavailableException} when the model server cannot answer.
 */
@FunctionalInterface
public interface WholeProofSampler {

    Completions sample(WholeProofPrompt prompt, int n, long seed);

    /**
     * The model server through the shared client: a chat prompt to {@code /v1/chat/completions},
     * a completion prompt to {@code /v1/completions} (with no stop string, as DeepSeek-Prover-V1.5's
     * generator sends none: its extraction cuts at the first fence).
     */
    static WholeProofSampler over(CompletionClient client, String model, int maxTokens, double temperature, double topP,
            Duration timeout) {
        return (prompt, n, seed) -> switch (prompt) {
            case WholeProofPrompt.Chat chat -> client.chat(
                    new ChatRequest(model, chat.messages(), n, maxTokens, temperature, topP, seed), timeout);
            case WholeProofPrompt.Completion c -> client.complete(
                    new CompletionRequest(model, c.prompt(), n, maxTokens, temperature, topP, seed, List.of()), timeout);
        };
    }
}
