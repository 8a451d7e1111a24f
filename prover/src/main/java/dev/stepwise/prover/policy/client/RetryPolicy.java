package dev.stepwise.prover.policy.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how long to wait before trying a request again: exponential backoff from
 * {@code base}, capped at {@code max}, with "equal jitter" (half fixed, half random) so that
 * hundreds of requests refused together do not come back together.
 */
public record RetryPolicy(int retries, Duration base, Duration max) {
    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= max, got " + base + " and " + max);
        }
    }

    /** The wait before retry number {@code attempt} (1 = the first retry). */
    Duration backoff(int attempt, RandomGenerator random) {
        long cap = base.toNanos() << Math.min(attempt - 1, 20);
        if (cap < 0 || cap > max.toNanos()) {
            cap = max.toNanos();
        }
        long half = cap / 2;
        return Duration.ofNanos(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
