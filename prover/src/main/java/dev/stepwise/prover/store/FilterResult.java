package dev.stepwise.prover.store;

import java.util.Objects;

/** The filter stage's verdict on one example: its perplexity under the current model and the decision. */
public record FilterResult(ExampleId example, double perplexity, FilterDecision decision) {
    public FilterResult {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(decision, "decision");
        if (!(perplexity >= 1)) {
            throw new IllegalArgumentException("perplexity must be >= 1, got " + perplexity);
        }
    }
}
