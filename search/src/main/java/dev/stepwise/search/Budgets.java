package dev.stepwise.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The limits of one search attempt, each optional ({@link #UNLIMITED} / {@link #NO_TIME_LIMIT}) and
 * exact: the search never starts an expansion past {@code maxExpansions}, never applies a tactic
 * past {@code maxTactics}, never sends a policy request once {@code maxTokens} policy tokens
 * (prompt plus completion) have been spent, and never starts a policy request or a tactic once
 * {@code maxTime} has passed. A tactic already running finishes within the environment's own
 * per-tactic deadline, which is a separate setting of the environment.
 */
public record Budgets(long maxExpansions, long maxTactics, long maxTokens, Duration maxTime) {
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** About 292 years: the largest duration that still fits in {@code long} nanoseconds. */
    public static final Duration NO_TIME_LIMIT = Duration.ofNanos(Long.MAX_VALUE);

    public Budgets {
        requirePositive("maxExpansions", maxExpansions);
        requirePositive("maxTactics", maxTactics);
        requirePositive("maxTokens", maxTokens);
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be positive, got " + maxTime);
        }
        if (maxTime.compareTo(NO_TIME_LIMIT) > 0) {
            maxTime = NO_TIME_LIMIT;
        }
    }

    private static void requirePositive(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, got " + value);
        }
    }

    public static Budgets unlimited() {
        return new Budgets(UNLIMITED, UNLIMITED, UNLIMITED, NO_TIME_LIMIT);
    }

    public Budgets withMaxExpansions(long n) {
        return new Budgets(n, maxTactics, maxTokens, maxTime);
    }

    public Budgets withMaxTactics(long n) {
        return new Budgets(maxExpansions, n, maxTokens, maxTime);
    }

    public Budgets withMaxTokens(long n) {
        return new Budgets(maxExpansions, maxTactics, n, maxTime);
    }

    public Budgets withMaxTime(Duration d) {
        return new Budgets(maxExpansions, maxTactics, maxTokens, d);
    }

    long maxTimeNanos() {
        return maxTime.toNanos();
    }

    /** For logs and reports, e.g. {@code "600 expansions, 10m"}; {@code "unlimited"} when nothing is set. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (maxExpansions != UNLIMITED) {
            parts.add(maxExpansions + " expansions");
        }
        if (maxTactics != UNLIMITED) {
            parts.add(maxTactics + " tactics");
        }
        if (maxTokens != UNLIMITED) {
            parts.add(maxTokens + " tokens");
        }
        if (!maxTime.equals(NO_TIME_LIMIT)) {
            parts.add(maxTime.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        }
        return parts.isEmpty() ? "unlimited" : String.join(", ", parts);
    }
}
