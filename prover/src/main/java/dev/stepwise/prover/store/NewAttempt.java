package dev.stepwise.prover.store;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchOutcome;
import java.time.Instant;
import java.util.Objects;

/**
 * A finished attempt, written with its tree and proof in one transaction. Its outcome is the
 * search's own, the accepted proof's verdict included.
 *
 * @param problem the name of a problem already added to the run
 * @param index which of the run's attempts at this problem (0..k-1)
 * @param mode how the attempt looked for its proof
 * @param samples whole proofs it sampled (0 for a step search)
 * @param revisions revisions of those proofs from Lean's errors (repair), stored apart from the samples
 */
public record NewAttempt(RunId run, String problem, int index, long seed, double alpha, SearchOutcome outcome,
        SearchCounts counts, SearchTimings timings, Instant startedAt, Instant endedAt, RecordedTree tree,
        AttemptMode mode, int samples, int revisions) {
    /** A step search's attempt. */
    public NewAttempt(RunId run, String problem, int index, long seed, double alpha, SearchOutcome outcome,
            SearchCounts counts, SearchTimings timings, Instant startedAt, Instant endedAt, RecordedTree tree) {
        this(run, problem, index, seed, alpha, outcome, counts, timings, startedAt, endedAt, tree, AttemptMode.STEP, 0);
    }

    /** An attempt that revised nothing. */
    public NewAttempt(RunId run, String problem, int index, long seed, double alpha, SearchOutcome outcome,
            SearchCounts counts, SearchTimings timings, Instant startedAt, Instant endedAt, RecordedTree tree,
            AttemptMode mode, int samples) {
        this(run, problem, index, seed, alpha, outcome, counts, timings, startedAt, endedAt, tree, mode, samples, 0);
    }

    public NewAttempt {
        Objects.requireNonNull(mode, "mode");
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
        if (revisions < 0) {
            throw new IllegalArgumentException("revisions must be >= 0, got " + revisions);
        }
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(tree, "tree");
        if (index < 0) {
            throw new IllegalArgumentException("attempt index must be >= 0, got " + index);
        }
        if (Double.isNaN(alpha) || alpha < 0) {
            throw new IllegalArgumentException("alpha must be >= 0, got " + alpha);
        }
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("attempt ends (" + endedAt + ") before it starts (" + startedAt + ")");
        }
    }
}
