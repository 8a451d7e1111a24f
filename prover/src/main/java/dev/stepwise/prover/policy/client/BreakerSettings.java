package dev.stepwise.prover.policy.client;

import java.time.Duration;
import java.util.Objects;

/** A circuit opens after {@code failures} failed requests in a row and stays open for {@code cooldown}. */
public record BreakerSettings(int failures, Duration cooldown) {
    public BreakerSettings {
        Objects.requireNonNull(cooldown, "cooldown");
        if (failures < 1) {
            throw new IllegalArgumentException("breaker failures must be >= 1, got " + failures);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("breaker cooldown must be >= 0, got " + cooldown);
        }
    }
}
