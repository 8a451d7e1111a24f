package dev.stepwise.prover.policy.client;

import java.util.Objects;

/**
 * One completion: its text, the sum of its tokens' log-probs and their number, why it stopped,
 * and the stop string the server matched ("" for end of sequence or unknown).
 */
public record Sample(String text, double logProbSum, int tokenCount, FinishReason finish, String matchedStop) {
    public Sample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finish, "finish");
        Objects.requireNonNull(matchedStop, "matchedStop");
        if (tokenCount < 0) {
            throw new IllegalArgumentException("tokenCount < 0");
        }
    }
}
