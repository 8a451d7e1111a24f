package dev.stepwise.iteration;

import java.util.List;
import java.util.Objects;

/**
 * Scores given completions under the model in service (the application asks the server for the
 * prompt log-probs of prompt + completion). The perplexity filter uses it.
 */
public interface TacticScorer {

    /** A completion to score after its prompt. */
    record Request(String prompt, String completion) {
        public Request {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(completion, "completion");
            if (completion.isEmpty()) {
                throw new IllegalArgumentException("cannot score an empty completion");
            }
        }
    }

    /** The log-probs of the completion's tokens, summed. */
    record Score(double logProbSum, int tokenCount) {
        public Score {
            if (Double.isNaN(logProbSum) || logProbSum > 1e-9) {
                throw new IllegalArgumentException("log-prob sum must be <= 0, got " + logProbSum);
            }
            if (tokenCount < 1) {
                throw new IllegalArgumentException("tokenCount must be >= 1, got " + tokenCount);
            }
        }

        /** exp of the mean negative log-prob per token. */
        public double perplexity() {
            return Math.exp(-logProbSum / tokenCount);
        }
    }

    /**
     * One score per request, in order, under {@code model}. Throws an unchecked exception naming
     * the server when it cannot.
     */
    List<Score> score(String model, List<Request> requests);
}
