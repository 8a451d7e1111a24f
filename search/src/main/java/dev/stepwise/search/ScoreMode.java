package dev.stepwise.search;

/** How one tactic's score is read off its tokens' log-probabilities. */
public enum ScoreMode {
    /** The sum of the tokens' log-probabilities (BFS-Prover V1, ReProver): long tactics cost more. */
    SUM,
    /** The mean per token (BFS-Prover-V2): tactics of any length compete on equal terms. */
    MEAN;

    public double score(double logProbSum, int tokenCount) {
        return switch (this) {
            case SUM -> logProbSum;
            case MEAN -> logProbSum / tokenCount;
        };
    }
}
