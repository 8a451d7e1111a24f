package dev.stepwise.prover.store;

import java.time.Instant;
import java.util.Objects;

/** A stored attempt; its tree is read separately ({@link AttemptRepository#tree}) because it can be large. */
public record Attempt(AttemptId id, RunId run, String problem, int index, long seed, double alpha,
        AttemptOutcome outcome, SearchCounts counts, SearchTimings timings, Instant startedAt, Instant endedAt) {
    public Attempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
