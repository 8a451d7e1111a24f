package dev.stepwise.prover.rounds;

import java.time.Instant;
import java.util.Objects;

/**
 * A round about to start.
 *
 * @param pool the dataset name or file its statements come from
 * @param configJson the round's full effective configuration
 * @param currentModel the model in service when the round starts
 */
public record NewRound(int number, String pool, String configJson, String currentModel, Instant startedAt) {
    public NewRound {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(currentModel, "currentModel");
        Objects.requireNonNull(startedAt, "startedAt");
        if (number < 1) {
            throw new IllegalArgumentException("round numbers start at 1, got " + number);
        }
    }
}
