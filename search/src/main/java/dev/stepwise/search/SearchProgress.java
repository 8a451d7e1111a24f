package dev.stepwise.search;

import java.time.Duration;
import java.util.Objects;

/** Counters of a running search, for progress displays; a snapshot taken after an expansion. */
public record SearchProgress(long expansions, long tacticApplications, int nodes, int maxDepth,
        long tokens, Duration elapsed) {
    public SearchProgress {
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
