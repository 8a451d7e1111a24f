package dev.stepwise.prover.rounds;

import java.util.Objects;

/** The filter stage's verdict on one stored example. */
public record FilterResult(ExampleId example, FilterVerdict filter) {
    public FilterResult {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(filter, "filter");
    }
}
