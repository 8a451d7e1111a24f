package dev.stepwise.iteration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored round.
 *
 * @param configJson the round's settings ({@link RoundSettings} as JSON): a resumed round runs with them
 * @param stage the stage it is in, or ended in
 * @param currentModel the model in service when the round started
 * @param candidateModel the model its train stage produced, or null before
 * @param decision the promote stage's decision, or null before
 * @param error why it failed, or null
 * @param stages the stages it entered, in stage order
 */
public record RoundRecord(int number, String pool, String configJson, Stage stage, RoundStatus status, String currentModel,
        String candidateModel, PromotionDecision decision, String error, Instant startedAt, Instant endedAt,
        List<StageRecord> stages) {
    public RoundRecord {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currentModel, "currentModel");
        Objects.requireNonNull(startedAt, "startedAt");
        stages = List.copyOf(stages);
        if (number < 1) {
            throw new IllegalArgumentException("round numbers start at 1, got " + number);
        }
    }

    public boolean completed(Stage s) {
        return stages.stream().anyMatch(r -> r.stage() == s && r.status() == RoundStatus.COMPLETED);
    }
}
