package dev.stepwise.iteration;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage of a round as it ran.
 *
 * @param summary what the stage reported (counts, files), or its error when it failed; null while running
 * @param endedAt null while running
 */
public record StageRecord(Stage stage, RoundStatus status, String summary, Instant startedAt, Instant endedAt) {
    public StageRecord {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** How long it ran; empty while it runs. */
    public Optional<Duration> duration() {
        return endedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, endedAt));
    }
}
