package dev.stepwise.prover.policy.client;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** When a request must be answered by; carried as a request tag so interceptors see it too. */
record Deadline(Instant at) {
    Deadline {
        Objects.requireNonNull(at, "at");
    }

    Duration remaining(InstantSource clock) {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    boolean passed(InstantSource clock) {
        return !clock.instant().isBefore(at);
    }
}
