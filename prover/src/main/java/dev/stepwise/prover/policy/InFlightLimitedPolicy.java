package dev.stepwise.prover.policy;

import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Caps the samples in flight at the model server across every search of the JVM. A server batches
 * continuously, so the cap is sized to what it can hold at once (vLLM's {@code --max-num-seqs});
 * more would only queue inside the server where a deadline cannot see it. A request counts for its
 * number of samples (at most the whole cap) and waits, in arrival order, without blocking the
 * caller: {@code suggest} always returns at once.
 */
public final class InFlightLimitedPolicy implements TacticPolicy {
    private final TacticPolicy delegate;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;

    private record Waiting(PolicyRequest request, CompletableFuture<Suggestions> result, int weight) {
    }

    public InFlightLimitedPolicy(TacticPolicy delegate, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("in-flight limit must be >= 1, got " + limit);
        }
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public CompletableFuture<Suggestions> suggest(PolicyRequest request) {
        Waiting w = new Waiting(request, new CompletableFuture<>(), Math.min(limit, request.count()));
        boolean start;
        lock.lock();
        try {
            start = waiting.isEmpty() && inFlight + w.weight() <= limit;
            if (start) {
                inFlight += w.weight();
            } else {
                waiting.add(w);
            }
        } finally {
            lock.unlock();
        }
        if (start) {
            launch(w);
        }
        return w.result();
    }

    /** Samples in flight now (for tests and progress displays). */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    private void launch(Waiting w) {
        CompletableFuture<Suggestions> call;
        try {
            call = delegate.suggest(w.request());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((s, e) -> {
            release(w.weight());
            if (e != null) {
                w.result().completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e);
            } else {
                w.result().complete(s);
            }
        });
    }

    private void release(int weight) {
        List<Waiting> ready = new ArrayList<>();
        lock.lock();
        try {
            inFlight -= weight;
            // First come, first served: a large request at the head is not overtaken by small ones.
            while (!waiting.isEmpty() && inFlight + waiting.peek().weight() <= limit) {
                Waiting next = waiting.poll();
                inFlight += next.weight();
                ready.add(next);
            }
        } finally {
            lock.unlock();
        }
        ready.forEach(this::launch);
    }
}
