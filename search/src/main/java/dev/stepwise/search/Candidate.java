package dev.stepwise.search;

import java.util.Objects;

/**
 * One tactic suggested by the policy, with the sum of its tokens' log-probabilities and the
 * number of tokens, so the search can score it by the sum or by the mean.
 */
public record Candidate(String tactic, double logProbSum, int tokenCount) {
    public Candidate {
        Objects.requireNonNull(tactic, "tactic");
        if (Double.isNaN(logProbSum) || logProbSum > 1e-9) {
            throw new IllegalArgumentException("log-prob sum must be <= 0, got " + logProbSum);
        }
        if (tokenCount < 1) {
            throw new IllegalArgumentException("tokenCount must be >= 1, got " + tokenCount);
        }
    }

    public double meanLogProb() {
        return logProbSum / tokenCount;
    }
}
