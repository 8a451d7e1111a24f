package dev.stepwise.prover.store;

import java.util.Objects;

/**
 * One run's try at one statement: the statement as the run had it (its problems are copied in
 * full), whether the run proved it and how many attempts it spent. Expert iteration drops solved
 * statements from its pool and orders the rest by past attempts, counting only the runs that
 * tried the same statement against the same Lean and model.
 */
public record ProblemTry(RunId run, String name, String header, String statement, boolean proved, int attempts) {
    public ProblemTry {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(statement, "statement");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
        }
    }
}
