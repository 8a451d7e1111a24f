package dev.stepwise.prover.store;

import dev.stepwise.prover.problems.Problem;
import java.time.Instant;
import java.util.Objects;

/**
 * One problem of a run and where it stands.
 *
 * @param ordinal its position in the run (the dataset's order)
 * @param error why the environment failed on it, or null
 * @param startedAt null while pending
 * @param endedAt null until finished or errored
 */
public record RunProblem(RunId run, int ordinal, Problem problem, ProblemStatus status, String error,
        Instant startedAt, Instant endedAt) {
    public RunProblem {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(status, "status");
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0, got " + ordinal);
        }
    }
}
