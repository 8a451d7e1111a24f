package dev.stepwise.prover.rounds;

import java.util.Objects;

/**
 * The filter stage's verdict on one example.
 *
 * @param perplexity its perplexity under the current model, or null when it was not scored
 *     (dropped before scoring, or no scorer configured)
 * @param dropReason why it was dropped; null exactly when kept
 */
public record FilterVerdict(FilterDecision decision, Double perplexity, String dropReason) {
    public FilterVerdict {
        Objects.requireNonNull(decision, "decision");
        if (perplexity != null && !(perplexity >= 1)) {
            throw new IllegalArgumentException("perplexity must be >= 1, got " + perplexity);
        }
        if ((decision == FilterDecision.DROPPED) != (dropReason != null)) {
            throw new IllegalArgumentException("a drop reason is given exactly when the example is dropped; got "
                    + decision + " with reason " + dropReason);
        }
    }

    public static FilterVerdict kept(Double perplexity) {
        return new FilterVerdict(FilterDecision.KEPT, perplexity, null);
    }

    public static FilterVerdict dropped(String reason, Double perplexity) {
        return new FilterVerdict(FilterDecision.DROPPED, perplexity, Objects.requireNonNull(reason, "reason"));
    }
}
