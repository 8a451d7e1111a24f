package dev.stepwise.prover.store;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.SearchOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored attempt; its tree is read separately ({@link AttemptRepository#tree}) because it can be
 * large. It ended either with a proof (read back as stored: tactics, text and verdict; the goal
 * states along it live in the tree) or with the search's failure, never both.
 *
 * @param id its database row id, which harvesting names the attempt by (the search names the same
 *     attempt by theorem and index: {@code dev.stepwise.search.AttemptId})
 */
public record Attempt(long id, RunId run, String problem, int index, long seed, double alpha,
        Optional<ProofRecord> proof, Optional<SearchOutcome.Failed> failure, SearchCounts counts, SearchTimings timings,
        Instant startedAt, Instant endedAt, AttemptMode mode, int samples, int revisions) {
    /** A step search's attempt. */
    public Attempt(long id, RunId run, String problem, int index, long seed, double alpha,
            Optional<ProofRecord> proof, Optional<SearchOutcome.Failed> failure, SearchCounts counts, SearchTimings timings,
            Instant startedAt, Instant endedAt) {
        this(id, run, problem, index, seed, alpha, proof, failure, counts, timings, startedAt, endedAt, AttemptMode.STEP, 0, 0);
    }

    /** An attempt that revised nothing. */
    public Attempt(long id, RunId run, String problem, int index, long seed, double alpha,
            Optional<ProofRecord> proof, Optional<SearchOutcome.Failed> failure, SearchCounts counts, SearchTimings timings,
            Instant startedAt, Instant endedAt, AttemptMode mode, int samples) {
        this(id, run, problem, index, seed, alpha, proof, failure, counts, timings, startedAt, endedAt, mode, samples, 0);
    }

    public Attempt {
        Objects.requireNonNull(mode, "mode");
        if (id < 1) {
            throw new IllegalArgumentException("attempt id must be >= 1, got " + id);
        }
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(failure, "failure");
        if (proof.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("an attempt ends with a proof or a failure, exactly one");
        }
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    public boolean proved() {
        return proof.isPresent();
    }
}
