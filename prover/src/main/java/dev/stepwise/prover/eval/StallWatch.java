package dev.stepwise.prover.eval;

import dev.stepwise.prover.run.WaitingOn;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Says what a run waits for when it has made no progress for a while: no search expanded a node
 * and no problem finished for {@link #quietFor} (all Lean processes on tactics that run long, a
 * model server that does not answer, a REPL restart). Without it a run whose processes sat on
 * never-ending tactics printed nothing for minutes (#18). Told once per quiet spell, again every
 * {@link #REPEAT_EVERY} while it goes on.
 */
final class StallWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StallWatch.class.getName());
    /** The longest quiet spell before a run says what it waits for. */
    static final Duration LONGEST_QUIET = Duration.ofSeconds(10);
    private static final Duration SHORTEST_QUIET = Duration.ofSeconds(1);
    /** How often a spell that goes on is told again: a REPL restart on a busy host may take many short spells' worth. */
    static final Duration REPEAT_EVERY = Duration.ofSeconds(10);

    private final InstantSource clock;
    private final Duration quietFor;
    private final Supplier<WaitingOn> waiting;
    private final RunObserver observer;
    private final ReentrantLock lock = new ReentrantLock();
    private Instant lastActivity;
    private Instant lastTold;
    private ScheduledExecutorService timer;

    StallWatch(InstantSource clock, Duration quietFor, Supplier<WaitingOn> waiting, RunObserver observer) {
        this.clock = clock;
        this.quietFor = Objects.requireNonNull(quietFor, "quietFor");
        this.waiting = waiting;
        this.observer = observer;
        this.lastActivity = clock.instant();
    }

    /**
     * How long a run may be quiet before it says why: half a Lean request's deadline, so a tactic
     * that will time out is named before it does, within 1 to 10 s
     * (a simulated world's deadline is a few seconds; a real one a minute).
     */
    static Duration quietFor(Duration leanDeadline) {
        Duration half = leanDeadline.dividedBy(2);
        return half.compareTo(LONGEST_QUIET) > 0 ? LONGEST_QUIET : half.compareTo(SHORTEST_QUIET) < 0 ? SHORTEST_QUIET : half;
    }

    /** Checks on a daemon thread, five times per quiet spell, until closed. */
    StallWatch start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("stall-watch").factory());
        long every = Math.max(50, quietFor.toMillis() / 5);
        timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A failed check is logged, never the end of the schedule (a display must not stop the watch). */
    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stall-watch: " + e, e);
        }
    }

    /** A search expanded a node or a problem finished. */
    void activity() {
        Instant now = clock.instant();
        lock.lock();
        try {
            lastActivity = now;
        } finally {
            lock.unlock();
        }
    }

    /** Tells the observer what the run waits for if it has been quiet long enough and was not told so lately. */
    void check() {
        Instant now = clock.instant();
        lock.lock();
        try {
            boolean newSpell = lastTold == null || lastTold.isBefore(lastActivity);
            Duration quiet = Duration.between(newSpell ? lastActivity : lastTold, now);
            if (quiet.compareTo(newSpell ? quietFor : REPEAT_EVERY) < 0) {
                return;
            }
            lastTold = now;
        } finally {
            lock.unlock();
        }
        observer.waiting(waiting.get().describe());
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
