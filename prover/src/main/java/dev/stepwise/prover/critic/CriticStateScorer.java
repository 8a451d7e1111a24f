package dev.stepwise.prover.critic;

import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateScorer;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The search's critic: every new state of an expansion, rendered with the critic's template,
 * scored in one {@code /pooling} request on a virtual thread of its own (the HTTP call blocks). A
 * critic that cannot answer is reported as {@link PolicyUnavailableException}: the attempt ends
 * as failed and is retried on resume, never counted as a search that found nothing.
 */
public final class CriticStateScorer implements StateScorer {
    private final PoolingCritic critic;
    private final CriticPrompt prompt;

    public CriticStateScorer(PoolingCritic critic, CriticPrompt prompt) {
        this.critic = Objects.requireNonNull(critic, "critic");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    @Override
    public CompletableFuture<List<Double>> score(Theorem theorem, List<ProofState> states) {
        List<String> inputs = states.stream().map(s -> prompt.render(s.goals())).toList();
        CompletableFuture<List<Double>> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("critic-request").start(() -> {
            try {
                answer.complete(critic.score(inputs));
            } catch (CriticUnavailableException e) {
                answer.completeExceptionally(new PolicyUnavailableException(e.getMessage(), e));
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }
}
