package dev.stepwise.prover.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stage of a round as it ran.
 *
 * @param summary what the stage reports about itself (counts, file names), or null while running
 * @param endedAt null while running
 */
public record StageRecord(RoundStage stage, RoundStatus status, String summary, Instant startedAt, Instant endedAt) {
    public StageRecord {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
