package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.Objects;

/**
 * One conjecture as the round recorded it, with its lineage: the statement and the accepted proof it
 * was proposed from, and what the round decided.
 *
 * @param round the round that proposed it
 * @param theorem the conjecture under its generated name ({@link ConjectureStage#NAMESPACE})
 * @param proposed the text the conjecturer wrote, before renaming
 * @param seedProblem the pool statement (or earlier conjecture) whose proof it came from
 * @param seedAttempt the application's name of that proof's attempt
 * @param seedProof the seed's statement and proof as the conjecturer saw them
 * @param reason why it was rejected (Lean's message, the duplicated statement, the forbidden word); "" otherwise
 * @param attempts attempts made at it (0 when rejected)
 * @param proved attempts that proved it
 */
public record Conjecture(int round, Theorem theorem, String proposed, String seedProblem, String seedAttempt, String seedProof,
        ConjectureVerdict verdict, String reason, int attempts, int proved) {
    public Conjecture {
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(seedProblem, "seedProblem");
        Objects.requireNonNull(seedAttempt, "seedAttempt");
        Objects.requireNonNull(seedProof, "seedProof");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if (attempts < 0 || proved < 0 || proved > attempts) {
            throw new IllegalArgumentException("conjecture " + theorem.name() + ": " + proved + " proved of " + attempts + " attempts");
        }
    }

    /** Proved attempts over attempts; 0 when never attempted. */
    public double successRate() {
        return attempts == 0 ? 0 : proved / (double) attempts;
    }

    /** Whether it passed the checks and was attempted. */
    public boolean attempted() {
        return switch (verdict) {
            case NOT_ELABORATING, DUPLICATE, REFUSED -> false;
            case UNPROVABLE, TOO_HARD, TOO_EASY, KEPT -> true;
        };
    }
}
