package dev.stepwise.prover.policy.prompt;

import java.util.Objects;

/** A rendered prompt, its length in the budget's unit, and whether it had to be cut. */
public record Prompt(String text, int length, Truncation truncation) {
    public Prompt {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(truncation, "truncation");
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
    }
}
