package dev.stepwise.iteration;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the trainer must know of the model's prompt format so that it trains on what the search
 * sends and receives: how long a whole example (prompt and completion) may be, and the text that
 * ends the model's turn.
 *
 * @param maxTokens the most tokens a prompt and its completion take together: the prompt budget
 *     plus the sampling limit plus the special tokens around them; empty when the prompt budget is
 *     in characters, which bounds no token count (the trainer then cuts nothing)
 * @param endText the text the model ends its turn with when it is not the tokenizer's end-of-sequence
 *     token ({@code <|im_end|>} in InternLM's chat format); empty: the tokenizer's EOS, which TRL appends
 */
public record TrainingFormat(OptionalInt maxTokens, Optional<String> endText) {

    /**
     * Tokens of a training example beyond its prompt and completion: the BOS the tokenizer may put
     * first (InternLM's does) and the end of the turn.
     */
    public static final int SPECIAL_TOKENS = 2;

    /** No length limit, and the tokenizer's EOS ends a completion. */
    public static final TrainingFormat PLAIN = new TrainingFormat(OptionalInt.empty(), Optional.empty());

    public TrainingFormat {
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(endText, "endText");
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens.getAsInt());
        }
        if (endText.isPresent() && endText.get().isEmpty()) {
            throw new IllegalArgumentException("endText is empty; leave it out to use the tokenizer's EOS");
        }
    }

    /** {@code completion} as the model writes it, ending with the end text (once). */
    String ended(String completion) {
        return endText.filter(e -> !completion.endsWith(e)).map(e -> completion + e).orElse(completion);
    }
}
