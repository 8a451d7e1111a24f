package dev.stepwise.prover.rounds;

import dev.stepwise.iteration.PromotionDecision;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.Stage;
import dev.stepwise.prover.store.RoundId;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored round.
 *
 * @param stage the stage it is in (or ended in)
 * @param candidateModel the model trained in this round, or null before training
 * @param decision the promotion decision, or null before the promote stage
 * @param error why it failed, or null
 * @param endedAt null while running
 */
public record Round(RoundId id, int number, String pool, String configJson, Stage stage, RoundStatus status,
        String currentModel, String candidateModel, PromotionDecision decision, String error, Instant startedAt,
        Instant endedAt) {
    public Round {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currentModel, "currentModel");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
