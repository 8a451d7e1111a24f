package dev.stepwise.search;

import java.util.concurrent.CompletableFuture;

/**
 * Suggests tactics. Asynchronous because a model server batches requests from many searches:
 * the more requests in flight, the better it is used. A policy that cannot answer (server gone,
 * circuit open) completes exceptionally with {@link PolicyUnavailableException}.
 */
public interface TacticPolicy {
    CompletableFuture<Suggestions> suggest(PolicyRequest request);
}
