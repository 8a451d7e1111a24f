package dev.stepwise.prover.store;

import java.util.Objects;

/**
 * What every run so far did with one statement (by name): how many attempts it had and how many
 * runs proved it. Expert iteration drops solved statements from its pool and orders the rest by
 * past attempts.
 */
public record ProblemTally(String name, int runs, int attempts, int provedRuns) {
    public ProblemTally {
        Objects.requireNonNull(name, "name");
        if (runs < 0 || attempts < 0 || provedRuns < 0 || provedRuns > runs) {
            throw new IllegalArgumentException("inconsistent history of " + name);
        }
    }

    public boolean solved() {
        return provedRuns > 0;
    }
}
