package dev.stepwise.lean;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pool's failed starts: the last one (attached to lease timeouts), the back-off before the
 * next try, and the point where the pool gives up because its set-up is broken rather than
 * unlucky.
 */
final class StartFailures {
    private static final System.Logger LOG = System.getLogger(ReplPool.class.getName());
    /**
     * Failed starts in a row, with no process running, after which the pool gives up: every
     * waiting and later lease fails with the last start failure (Lean's own words) instead of
     * waiting out its lease timeout while the pool retries forever. With the restart back-off
     * doubling from its first wait, four tries take about seven of those waits.
     */
    static final int BEFORE_BROKEN = 4;

    private final String name;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final AtomicInteger inARow = new AtomicInteger();
    private volatile Throwable last;
    /** Set once when starts keep failing with no process running; from then on every lease fails with it. */
    private final AtomicReference<ReplStartException> broken = new AtomicReference<>();

    StartFailures(String name, Duration firstBackoff, Duration maxBackoff) {
        this.name = name;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Remembers a failed start, whatever the pool's state, for the next lease timeout to report. */
    void remember(Throwable failure) {
        last = failure;
    }

    /** Counts a failed start while the pool runs; returns how many failed in a row. */
    int countFailure() {
        return inARow.incrementAndGet();
    }

    void started() {
        inARow.set(0);
    }

    Throwable last() {
        return last;
    }

    /** Whether {@code failures} in a row are enough to give up (when no process runs either). */
    static boolean enoughToGiveUp(int failures) {
        return failures >= BEFORE_BROKEN;
    }

    /** Whether the failures so far would make the pool give up, had it no process. */
    boolean enoughSoFar() {
        return enoughToGiveUp(inARow.get());
    }

    /** The wait before the next try: the first back-off doubled per failure, capped. */
    Duration backoff(int failures) {
        long ms = firstBackoff.toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }

    /**
     * No process runs and none could be started {@code failures} times in a row: the set-up is
     * broken (Lean gone, Mathlib not built, the sandbox refusing), not unlucky. Only the first call
     * decides the reason.
     */
    void giveUp(int failures, Throwable lastFailure) {
        ReplStartException b = new ReplStartException(name + ": no REPL process could be started in " + failures
                + " tries in a row and none is running; last failure: " + lastFailure.getMessage(), lastFailure);
        if (broken.compareAndSet(null, b)) {
            LOG.log(Level.ERROR, b.getMessage());
        }
    }

    boolean gaveUp() {
        return broken.get() != null;
    }

    /** Throws, for this caller, the failure the pool gave up on, if it did. */
    void requireStartable() {
        ReplStartException b = broken.get();
        if (b != null) {
            throw new ReplStartException(b.getMessage(), b.getCause());
        }
    }

    Optional<String> reason() {
        ReplStartException b = broken.get();
        return b == null ? Optional.empty() : Optional.of(b.getMessage());
    }
}
