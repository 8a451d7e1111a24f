package dev.stepwise.search;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link SearchScheduler}: they are what keeps the model server and the Lean pool busy
 * without queueing unbounded work on either.
 *
 * @param maxConcurrentAttempts attempts running at once (each holds its tree in memory)
 * @param maxInFlightPolicyRequests policy requests in flight at once, over all attempts
 * @param maxInFlightTactics environment calls (starts and tactics) in progress at once, over all
 *     attempts. An environment whose states are tied to one process each queues calls per process;
 *     a cap as small as the number of processes there lets callers queued for one busy process
 *     hold every permit while the other processes idle, so such an environment wants no cap below
 *     {@code maxConcurrentAttempts}
 * @param closeTimeout how long {@link SearchScheduler#close()} waits for running attempts to end
 */
public record SchedulerConfig(int maxConcurrentAttempts, int maxInFlightPolicyRequests, int maxInFlightTactics,
        Duration closeTimeout) {
    public SchedulerConfig {
        requirePositive("maxConcurrentAttempts", maxConcurrentAttempts);
        requirePositive("maxInFlightPolicyRequests", maxInFlightPolicyRequests);
        requirePositive("maxInFlightTactics", maxInFlightTactics);
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must be >= 0, got " + closeTimeout);
        }
    }

    private static void requirePositive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, got " + value);
        }
    }
}
