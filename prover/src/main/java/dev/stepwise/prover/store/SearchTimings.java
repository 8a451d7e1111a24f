package dev.stepwise.prover.store;

import java.time.Duration;
import java.util.Objects;

/** Where an attempt's time went: in total, waiting for the policy, and in Lean. Stored to the millisecond. */
public record SearchTimings(Duration wall, Duration policy, Duration lean) {
    public SearchTimings {
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(lean, "lean");
        if (wall.isNegative() || policy.isNegative() || lean.isNegative()) {
            throw new IllegalArgumentException("negative timings: " + wall + ", " + policy + ", " + lean);
        }
    }
}
