package dev.stepwise.search;

import java.util.Objects;

/** A running attempt and its counters, for progress displays. */
public record AttemptProgress(AttemptId id, SearchProgress progress) {
    public AttemptProgress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(progress, "progress");
    }
}
