package dev.stepwise.search;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Lets at most the gauge's cap of policy requests be in flight at once. The caller (a search on a
 * virtual thread) waits for a permit before its request is sent: backpressure instead of a queue.
 * The permit comes back when the request's future completes, also by cancellation.
 */
final class BoundedPolicy implements TacticPolicy {
    private final TacticPolicy delegate;
    private final InFlightGauge gauge;

    BoundedPolicy(TacticPolicy delegate, InFlightGauge gauge) {
        this.delegate = delegate;
        this.gauge = gauge;
    }

    @Override
    public CompletableFuture<Suggestions> suggest(PolicyRequest request) {
        try {
            gauge.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new CancellationException("interrupted while waiting for a policy slot"));
        }
        CompletableFuture<Suggestions> answer;
        try {
            answer = delegate.suggest(request);
        } catch (RuntimeException e) {
            gauge.exit();
            throw e;
        }
        answer.whenComplete((suggestions, failure) -> gauge.exit());
        return answer;
    }
}
