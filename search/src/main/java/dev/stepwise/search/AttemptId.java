package dev.stepwise.search;

import java.util.Objects;

/** Which attempt: the theorem's name and the attempt's index in its plan. */
public record AttemptId(String theorem, int attempt) {
    public AttemptId {
        Objects.requireNonNull(theorem, "theorem");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
    }
}
