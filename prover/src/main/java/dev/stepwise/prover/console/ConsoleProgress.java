package dev.stepwise.prover.console;

import dev.stepwise.prover.eval.LeanUsage;
import dev.stepwise.prover.eval.ProblemDone;
import dev.stepwise.prover.eval.RunObserver;
import dev.stepwise.search.AttemptId;
import dev.stepwise.search.SearchProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Progress of a run on stderr, one line per event so it reads the same in a terminal and in a
 * log file: each finished problem with the solved count, pass rate, throughput and ETA, and
 * (with {@code live}) every few seconds the running attempts' expansions, depth and time.
 */
public final class ConsoleProgress implements RunObserver {
    private static final Duration LIVE_EVERY = Duration.ofSeconds(5);

    private final PrintWriter err;
    private final InstantSource clock;
    private final boolean live;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<AttemptId, Instant> attemptStarts = new ConcurrentHashMap<>();
    private Instant started;
    private int doneAtStart;
    private Instant lastLive = Instant.EPOCH;
    private final String simulatedLabel;

    /** @param simulatedWorld the world file of a simulated run, named on every run's first line; null for a real run */
    public ConsoleProgress(PrintWriter err, InstantSource clock, boolean live, java.nio.file.Path simulatedWorld) {
        this.err = err;
        this.clock = clock;
        this.live = live;
        this.simulatedLabel = simulatedWorld == null ? "" : "SIMULATED: world " + simulatedWorld;
    }

    @Override
    public void warning(String line) {
        lock.lock();
        try {
            err.println(line);
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void alreadyComplete(String run) {
        warning("run " + run + " was already complete: its stored results follow, nothing was searched"
                + " (to run it afresh, give another --name)");
    }

    @Override
    public void runStarted(String run, int total, int alreadyDone, int alreadySolved, boolean resumed) {
        lock.lock();
        try {
            started = clock.instant();
            doneAtStart = alreadyDone;
            err.printf("%s run %s: %d problem(s)%s%s%n", resumed ? "resuming" : "starting", run, total,
                    resumed ? String.format(Locale.ROOT, ", %d already done (%d solved)", alreadyDone, alreadySolved) : "",
                    simulatedLabel.isEmpty() ? "" : " [" + simulatedLabel + "]");
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void progress(AttemptId attempt, SearchProgress progress) {
        if (!live) {
            return;
        }
        Instant now = clock.instant();
        Instant first = attemptStarts.computeIfAbsent(attempt, a -> now);
        lock.lock();
        try {
            if (Duration.between(lastLive, now).compareTo(LIVE_EVERY) < 0) {
                return;
            }
            lastLive = now;
            err.printf("  … %s attempt %d: %d expansions, depth %d, %s%n", attempt.theorem(), attempt.attempt() + 1,
                    progress.expansions(), progress.maxDepth(), seconds(Duration.between(first, now)));
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void problemFinished(ProblemDone r, int done, int solved, int total) {
        lock.lock();
        try {
            Duration elapsed = Duration.between(started, clock.instant());
            int doneHere = done - doneAtStart;
            double perMinute = elapsed.toMillis() == 0 ? 0 : doneHere * 60_000.0 / elapsed.toMillis();
            String eta = doneHere == 0 ? "?" : seconds(elapsed.multipliedBy(total - done).dividedBy(doneHere));
            err.printf(Locale.ROOT, "%s %d/%d %-8s %s (%d expansions, %s) | solved %d/%d (%.1f%%) | %.1f/min | ETA %s%n",
                    bar(done, total), done, total, r.outcome().code(), r.name(), r.expansions(), seconds(r.time()),
                    solved, done, done == 0 ? 0 : 100.0 * solved / done, perMinute, eta);
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void waiting(String what) {
        warning("  waiting: " + what);
    }

    @Override
    public void runFinished(LeanUsage lean) {
        lock.lock();
        try {
            err.println(lean.summary());
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    /** {@code [######------]}: the share of problems done. */
    static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
