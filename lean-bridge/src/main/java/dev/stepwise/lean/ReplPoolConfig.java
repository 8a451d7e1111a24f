package dev.stepwise.lean;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the pool needs, validated once.
 *
 * @param name prefix of thread names and log lines ({@code repl-pool})
 * @param size number of REPL processes
 * @param process how to start one
 * @param warmHeaders headers every process imports when it starts (one env each); other headers
 *     are imported on first use by the process that needs them
 * @param requestTimeout wall-clock deadline of one tactic or command
 * @param warmupTimeout deadline of one header import (Mathlib takes minutes)
 * @param leaseTimeout how long a caller waits for a free process before it gets an exception
 * @param maxCommands retire a process after this many requests (0 = never)
 * @param maxRssBytes retire a process above this resident memory (0 = never)
 * @param maxAge retire a process after this age ({@link Duration#ZERO} = never)
 * @param restartBackoff first wait before starting again after a failed start; doubles
 * @param maxRestartBackoff the longest such wait
 * @param housekeepingPeriod how often the housekeeper looks at idle processes
 * @param leakThreshold a lease held longer than this logs its holder's stack
 * @param ownerWait how long a caller waits for the busy process that holds its proof state before
 *     it rebuilds the state elsewhere by replaying its path ({@link Duration#ZERO} = never wait);
 *     waiting for one command is almost always cheaper than replaying a whole path
 */
public record ReplPoolConfig(String name, int size, ReplProcessConfig process, List<String> warmHeaders,
        Duration requestTimeout, Duration warmupTimeout, Duration leaseTimeout, long maxCommands, long maxRssBytes,
        Duration maxAge, Duration restartBackoff, Duration maxRestartBackoff, Duration housekeepingPeriod,
        Duration leakThreshold, Duration ownerWait) {

    public ReplPoolConfig {
        Objects.requireNonNull(name, "name");
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("pool size must be 1..1024, got " + size);
        }
        Objects.requireNonNull(process, "process");
        warmHeaders = List.copyOf(warmHeaders);
        positive(requestTimeout, "requestTimeout");
        positive(warmupTimeout, "warmupTimeout");
        positive(leaseTimeout, "leaseTimeout");
        if (maxCommands < 0) {
            throw new IllegalArgumentException("maxCommands must be >= 0 (0 = never), got " + maxCommands);
        }
        if (maxRssBytes < 0) {
            throw new IllegalArgumentException("maxRssBytes must be >= 0 (0 = never), got " + maxRssBytes);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must be >= 0 (0 = never), got " + maxAge);
        }
        positive(restartBackoff, "restartBackoff");
        positive(maxRestartBackoff, "maxRestartBackoff");
        if (maxRestartBackoff.compareTo(restartBackoff) < 0) {
            throw new IllegalArgumentException("maxRestartBackoff (" + maxRestartBackoff
                    + ") must be at least restartBackoff (" + restartBackoff + ")");
        }
        positive(housekeepingPeriod, "housekeepingPeriod");
        positive(leakThreshold, "leakThreshold");
        Objects.requireNonNull(ownerWait, "ownerWait");
        if (ownerWait.isNegative()) {
            throw new IllegalArgumentException("ownerWait must be >= 0, got " + ownerWait);
        }
    }

    private static void positive(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + d);
        }
    }

    /** Sensible values around a process configuration: limits off, 60 s tactics, 10 min warm-up. */
    public static ReplPoolConfig defaults(int size, ReplProcessConfig process, List<String> warmHeaders) {
        return new ReplPoolConfig("repl-pool", size, process, warmHeaders, Duration.ofSeconds(60),
                Duration.ofMinutes(10), Duration.ofMinutes(15), 0, 0, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(2));
    }

    public ReplPoolConfig withOwnerWait(Duration wait) {
        return new ReplPoolConfig(name, size, process, warmHeaders, requestTimeout, warmupTimeout, leaseTimeout,
                maxCommands, maxRssBytes, maxAge, restartBackoff, maxRestartBackoff, housekeepingPeriod, leakThreshold, wait);
    }

    public ReplPoolConfig withTimeouts(Duration request, Duration warmup, Duration lease) {
        return new ReplPoolConfig(name, size, process, warmHeaders, request, warmup, lease, maxCommands, maxRssBytes,
                maxAge, restartBackoff, maxRestartBackoff, housekeepingPeriod, leakThreshold, ownerWait);
    }

    public ReplPoolConfig withRecycling(long commands, long rssBytes, Duration age) {
        return new ReplPoolConfig(name, size, process, warmHeaders, requestTimeout, warmupTimeout, leaseTimeout,
                commands, rssBytes, age, restartBackoff, maxRestartBackoff, housekeepingPeriod, leakThreshold, ownerWait);
    }

    public ReplPoolConfig withHousekeeping(Duration period, Duration restart, Duration maxRestart, Duration leak) {
        return new ReplPoolConfig(name, size, process, warmHeaders, requestTimeout, warmupTimeout, leaseTimeout,
                maxCommands, maxRssBytes, maxAge, restart, maxRestart, period, leak, ownerWait);
    }
}
