package dev.stepwise.search;

import java.util.Objects;

/**
 * One tactic suggested by the policy, with the sum of its tokens' log-probabilities and the
 * number of tokens, so the search can score it by the sum or by the mean, and the informal
 * thought the model wrote before it ("" when it wrote none; it travels with the edge and is
 * never scored).
 */
public record Candidate(String tactic, double logProbSum, int tokenCount, String thought) {
    /** A tactic without a thought. */
    public Candidate(String tactic, double logProbSum, int tokenCount) {
        this(tactic, logProbSum, tokenCount, "");
    }

    public Candidate {
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(thought, "thought");
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
