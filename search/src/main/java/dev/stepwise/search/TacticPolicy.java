package dev.stepwise.search;

import java.util.concurrent.CompletableFuture;

/**
 * Suggests tactics. Asynchronous because a model server batches requests from many searches:
 * the more requests in flight, the better it is used. A policy that cannot answer (server gone,
 * circuit open) completes exceptionally with {@link PolicyUnavailableException}. The search
 * cancels the returned future when it no longer needs the answer (attempt cancelled, time budget
 * spent); an implementation should then abandon the request.
 */
public interface TacticPolicy {
    CompletableFuture<Suggestions> suggest(PolicyRequest request);
}
