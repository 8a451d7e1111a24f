package dev.stepwise.prover.policy.client;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model endpoints and the choice among them: the healthy endpoint with a closed (or
 * trial-ready) circuit and the fewest requests outstanding; ties go round-robin so idle replicas
 * share the load.
 */
final class Endpoints {
    private final List<Endpoint> all;
    private final AtomicInteger rotation = new AtomicInteger();

    Endpoints(List<Endpoint> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no model endpoint configured (model.url)");
        }
        this.all = List.copyOf(all);
    }

    List<Endpoint> all() {
        return all;
    }

    /** Picks an endpoint not in {@code excluded} and takes its circuit's permission. */
    Optional<Endpoint> acquire(Set<Endpoint> excluded) {
        for (int tries = 0; tries < all.size() * 2; tries++) {
            Endpoint best = null;
            int start = Math.floorMod(rotation.getAndIncrement(), all.size());
            for (int i = 0; i < all.size(); i++) {
                Endpoint e = all.get((start + i) % all.size());
                if (excluded.contains(e) || !e.healthy() || !e.breaker().isAvailable()) {
                    continue;
                }
                if (best == null || e.outstanding() < best.outstanding()) {
                    best = e;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            if (best.breaker().tryAcquire()) {
                return Optional.of(best);
            }
            // Another request took the half-open trial in between: choose again.
        }
        return Optional.empty();
    }

    /** Why no endpoint can take a request, one clause per endpoint. */
    String whyUnavailable(InstantSource clock) {
        List<String> parts = new ArrayList<>();
        for (Endpoint e : all) {
            String why;
            if (!e.healthy()) {
                why = "failing health checks";
            } else if (e.breaker().state() != CircuitBreaker.State.CLOSED) {
                long s = Math.max(0, java.time.Duration.between(clock.instant(), e.breaker().reopensAt()).toSeconds());
                why = "circuit open after repeated failures, next try in " + s + "s";
            } else {
                why = "failed this request";
            }
            String last = e.lastProblem();
            parts.add(e.base() + " " + why + (last.isEmpty() ? "" : " (last: " + last + ")"));
        }
        return String.join("; ", parts);
    }
}
