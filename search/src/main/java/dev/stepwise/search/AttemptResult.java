package dev.stepwise.search;

import java.util.Objects;

/** The result of one attempt of a theorem. */
public record AttemptResult(int attempt, SearchResult result) {
    public AttemptResult {
        Objects.requireNonNull(result, "result");
    }
}
