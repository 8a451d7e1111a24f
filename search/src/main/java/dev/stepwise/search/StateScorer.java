package dev.stepwise.search;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A critic: scores proof states, higher meaning closer to a proof. Asynchronous and batched for
 * the same reason as {@link TacticPolicy}: it is a model behind a server. Unavailability is
 * reported as {@link PolicyUnavailableException}.
 */
@FunctionalInterface
public interface StateScorer {

    /** One score per state, in the order given. */
    CompletableFuture<List<Double>> score(Theorem theorem, List<ProofState> states);

    /** No critic. Only valid with {@link CriticMode#POLICY_ONLY}, where it is never asked. */
    StateScorer NONE = (theorem, states) -> CompletableFuture.failedFuture(
            new IllegalStateException("no critic is configured"));
}
