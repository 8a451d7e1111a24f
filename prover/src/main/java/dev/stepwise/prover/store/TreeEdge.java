package dev.stepwise.prover.store;

import java.time.Duration;
import java.util.Objects;

/**
 * A tactic tried on a node of a recorded search tree, with the policy's numbers and Lean's answer.
 *
 * @param parent index of the node it was applied to
 * @param score the score the search ranked it by (sum or mean of the log-probs, as configured)
 * @param errorText Lean's error, the rejection reason or the crash detail; null when it succeeded
 * @param duration how long Lean took (stored to the microsecond)
 * @param child index of the resulting node, exactly when the outcome is {@code PROGRESS}; else null
 */
public record TreeEdge(int parent, String tactic, double logProbSum, int tokenCount, double score,
        EdgeOutcome outcome, String errorText, Duration duration, Integer child) {
    public TreeEdge {
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        if (parent < 0) {
            throw new IllegalArgumentException("parent must be >= 0, got " + parent);
        }
        if (tokenCount < 1) {
            throw new IllegalArgumentException("tokenCount must be >= 1, got " + tokenCount);
        }
        if (Double.isNaN(logProbSum) || Double.isNaN(score)) {
            throw new IllegalArgumentException("log-prob sum and score must be numbers");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration is negative: " + duration);
        }
        if ((outcome == EdgeOutcome.PROGRESS) != (child != null)) {
            throw new IllegalArgumentException("an edge has a child exactly when its outcome is progress; got "
                    + outcome + " with child " + child);
        }
    }
}
