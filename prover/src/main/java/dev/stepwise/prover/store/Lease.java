package dev.stepwise.prover.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker's claim on one problem of a shared run, until {@code expiresAt} unless renewed.
 *
 * @param token the fence: the problem's claim count when this lease was granted; a write carrying
 *     an older token than the problem's is refused
 * @param owner who holds it (host and process, for {@code runs show} and messages)
 */
public record Lease(RunId run, String problem, long token, String owner, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
