package dev.stepwise.prover.run;

import dev.stepwise.lean.PoolCounters;
import dev.stepwise.search.ProofEnvironment;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StartOutcome;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticOutcome;
import dev.stepwise.search.TacticPolicy;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of a stack's searches that are out to Lean or to the model server right now, each with
 * its theorem and when it began: what a run that makes no progress is waiting for
 * ({@link WaitingOn}). The stack's environment and policy are wrapped with it, so every call
 * the searches make is counted and none is left out; a call leaves when it returns, however it
 * ends.
 */
final class CallsInFlight {
    private final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, WaitingOn.Call> calls = new ConcurrentHashMap<>();

    CallsInFlight(InstantSource clock) {
        this.clock = clock;
    }

    private long begin(WaitingOn.Kind kind, Theorem theorem) {
        long id = ids.incrementAndGet();
        calls.put(id, new WaitingOn.Call(kind, theorem.name(), clock.instant()));
        return id;
    }

    private void end(long id) {
        calls.remove(id);
    }

    /** What is in flight now, with the Lean pool's gauges and its per-request deadline. */
    WaitingOn snapshot(PoolCounters pool, Duration leanDeadline) {
        return new WaitingOn(clock.instant(), List.copyOf(calls.values()), pool.total(), pool.idle(), pool.starting(),
                leanDeadline);
    }

    /** {@code environment} with its statement starts and tactics counted while they run. */
    ProofEnvironment around(ProofEnvironment environment) {
        return new ProofEnvironment() {
            @Override
            public StartOutcome start(Theorem theorem) {
                long id = begin(WaitingOn.Kind.STATEMENT, theorem);
                try {
                    return environment.start(theorem);
                } finally {
                    end(id);
                }
            }

            @Override
            public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
                long id = begin(WaitingOn.Kind.TACTIC, theorem);
                try {
                    return environment.apply(theorem, state, proofBefore, tactic);
                } finally {
                    end(id);
                }
            }
        };
    }

    /** {@code policy} with its requests counted until their answer (or failure) comes. */
    TacticPolicy around(TacticPolicy policy) {
        return request -> {
            long id = begin(WaitingOn.Kind.MODEL, request.theorem());
            CompletableFuture<Suggestions> answer;
            try {
                answer = policy.suggest(request);
            } catch (RuntimeException e) {
                end(id);
                throw e;
            }
            return answer.whenComplete((s, e) -> end(id));
        };
    }
}
