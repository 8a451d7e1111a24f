package dev.stepwise.search;

import java.util.Objects;

/**
 * The result of one attempt of a theorem, with the mode it ran in (a theorem tried by several
 * modes in one run records each attempt with its own).
 */
public record AttemptResult(int attempt, SearchResult result, AttemptMode mode) {
    public AttemptResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(mode, "mode");
    }

    /** A step search's attempt. */
    public AttemptResult(int attempt, SearchResult result) {
        this(attempt, result, AttemptMode.STEP);
    }
}
