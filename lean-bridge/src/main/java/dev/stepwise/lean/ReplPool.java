package dev.stepwise.lean;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pool of REPL processes, and the only owner of their lives: it starts them (warm, with a
 * healthy header env), lends them, takes them back, retires them at their limits, restarts the
 * ones that crashed, and closes them all.
 *
 * <p>Who gets which process is the {@link LendingQueue}'s business (callers wait for the process
 * holding their proof state, within limits); starting one warm is the {@link ReplStarter}'s; when
 * to try again after failed starts, and when to give up, is {@link StartFailures}'.
 *
 * <p>A housekeeper thread retires idle processes past their age or memory limit and tops the pool
 * up; a process in use past a limit is only marked and retired when its lease ends. Processes are
 * killed on a closer thread, never on a caller's thread.
 */
public final class ReplPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplPool.class.getName());
    /**
     * Failed starts in a row, with no process running, after which the pool gives up and every
     * lease fails with the last start failure (see {@link StartFailures#BEFORE_BROKEN}).
     */
    static final int FAILED_STARTS_BEFORE_BROKEN = StartFailures.BEFORE_BROKEN;

    private enum PoolState { RUNNING, CLOSING, CLOSED }

    private enum Replacing { NOTHING, CRASHED, RECYCLED }

    private final ReplPoolConfig config;
    private final InstantSource clock;
    private final AtomicReference<PoolState> state = new AtomicReference<>(PoolState.RUNNING);
    private final PoolTally tally = new PoolTally();
    private final StartFailures startFailures;
    private final ReplStarter starter;
    private final LendingQueue queue;
    private final ScheduledExecutorService housekeeper;
    private final ScheduledExecutorService adder;
    private final ExecutorService closer;
    private final AtomicInteger starting = new AtomicInteger();

    private ReplPool(ReplPoolConfig config, ReplCodec codec, HostTools tools, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        this.startFailures = new StartFailures(config.name(), config.restartBackoff(), config.maxRestartBackoff());
        this.starter = new ReplStarter(config, codec, tools, clock);
        this.queue = new LendingQueue(config.name(), tally, new Admission());
        var keeper = new ScheduledThreadPoolExecutor(1, named(config.name() + "-housekeeper"));
        // every lease schedules a leak warning and cancels it on return: drop cancelled ones at once
        keeper.setRemoveOnCancelPolicy(true);
        this.housekeeper = keeper;
        this.adder = Executors.newScheduledThreadPool(Math.min(config.size(), 8), named(config.name() + "-adder"));
        this.closer = Executors.newFixedThreadPool(2, named(config.name() + "-closer"));
    }

    /**
     * Starts the pool: one process synchronously, so a broken set-up fails here with its real
     * cause, and the others at the same time in the background.
     *
     * @throws ReplStartException if the first process cannot start or warm up
     */
    public static ReplPool start(ReplPoolConfig config, ReplCodec codec, HostTools tools, InstantSource clock) {
        ReplPool pool = new ReplPool(config, codec, tools, clock);
        // The others start alongside the first, so the pool is full after one warm-up, not two;
        // if the first fails, closing the pool stops them too.
        for (int i = 1; i < config.size(); i++) {
            pool.scheduleSpawn(Duration.ZERO, Replacing.NOTHING);
        }
        PooledRepl first;
        try {
            first = pool.starter.start();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        pool.queue.add(first);
        long period = config.housekeepingPeriod().toMillis();
        pool.housekeeper.scheduleWithFixedDelay(pool::houseKeep, period, period, TimeUnit.MILLISECONDS);
        return pool;
    }

    public ReplPoolConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ lending

    /** A lease on any process, preferring one that already has {@code header} warm. */
    public ReplLease lease(String header) {
        return lease(header, Set.of(), 0);
    }

    /**
     * A lease for a caller whose proof state lives in the processes {@code owners}: one of them if
     * one comes free within the owner wait, otherwise (or at once when all of them are gone) any
     * process, one with {@code header} warm first. Before the owner wait ends the caller is given
     * another process only when that process would otherwise sit idle and more than
     * {@code rebuildCommands} commands are queued ahead of the caller at its owners.
     *
     * @param rebuildCommands how many commands rebuilding the caller's state on another process
     *     takes (the statement and the tactics of its path)
     * @throws ReplPoolTimeoutException if none comes free within the lease timeout
     * @throws ReplStartException if the pool gave up: no process runs and starting one failed
     *     {@value #FAILED_STARTS_BEFORE_BROKEN} times in a row (waiting callers get it too)
     */
    public ReplLease lease(String header, Set<Long> owners, int rebuildCommands) {
        if (rebuildCommands < 0) {
            throw new IllegalArgumentException("rebuildCommands must be >= 0, got " + rebuildCommands);
        }
        tally.leases.incrementAndGet();
        while (true) {
            long now = System.nanoTime();
            ReplLease lease = activate(queue.obtain(Set.copyOf(owners), header, rebuildCommands,
                    now + config.ownerWait().toNanos(), now + config.leaseTimeout().toNanos()));
            if (lease != null) {
                return lease;
            }
        }
    }

    /** What the lending queue asks of the pool while callers wait (called under its lock). */
    private final class Admission implements LendingQueue.Admission {
        @Override
        public boolean lending() {
            return state.get() == PoolState.RUNNING && !startFailures.gaveUp();
        }

        @Override
        public void requireLending() {
            requireRunning();
            startFailures.requireStartable();
        }

        @Override
        public ReplPoolTimeoutException timedOut(int total, int idle, int waiting) {
            Throwable cause = startFailures.last();
            return new ReplPoolTimeoutException(config.name() + ": no REPL came free within "
                    + config.leaseTimeout().toMillis() + " ms (total " + total + ", idle " + idle
                    + ", starting " + starting.get() + ", waiting " + waiting + ")"
                    + (cause == null ? "" : "; last start failure: " + cause.getMessage()), cause);
        }
    }

    /** Lends an entry moved to IN_USE for the caller; null when it died while idle (it is replaced). */
    private ReplLease activate(PooledRepl entry) {
        if (!entry.process.usable()) {
            // died while idle: nothing was lost but the process
            tally.crashes.incrementAndGet();
            replace(entry, "died while idle", Replacing.CRASHED);
            return null;
        }
        Exception holder = new Exception("lease of " + entry.process.name() + " taken here");
        ScheduledFuture<?> leak = housekeeper.schedule(() -> LOG.log(Level.WARNING, config.name() + ": "
                + entry.process.name() + " leased for more than " + config.leakThreshold().toMillis()
                + " ms; holder:", holder), config.leakThreshold().toMillis(), TimeUnit.MILLISECONDS);
        return new ReplLease(this, entry, leak, System.nanoTime());
    }

    /** Called once by {@link ReplLease#close()}, with how long the lease was held. */
    void giveBack(PooledRepl entry, long heldNanos) {
        tally.busyNanos.addAndGet(heldNanos);
        if (state.get() != PoolState.RUNNING) {
            retire(entry, "the pool is closing");
            return;
        }
        if (!entry.process.usable()) {
            replace(entry, "crashed or was killed", Replacing.CRASHED);
            return;
        }
        String limit = entry.evictOnReturn ? "passed a limit while leased" : entry.limitPassed(clock.instant());
        if (limit != null) {
            tally.recycles.incrementAndGet();
            replace(entry, limit, Replacing.RECYCLED);
            return;
        }
        queue.lend(entry);
    }

    void countTimeout() {
        tally.timeouts.incrementAndGet();
    }

    void countCrash() {
        tally.crashes.incrementAndGet();
    }

    /** Sessions call this when they rebuild a proof state on another process. */
    public void countReplay() {
        tally.replays.incrementAndGet();
    }

    // ------------------------------------------------------------------ starting and retiring

    /**
     * Counts the new process as starting before anything else happens, so the housekeeper's
     * top-up, which counts live plus starting processes, never sees a gap and starts one too many.
     */
    private void scheduleSpawn(Duration delay, Replacing replacing) {
        if (state.get() != PoolState.RUNNING) {
            return;
        }
        if (replacing == Replacing.CRASHED) {
            tally.restarts.incrementAndGet();
        }
        starting.incrementAndGet();
        submitSpawn(delay);
    }

    /** Replaces a retired entry: the replacement is counted before the entry stops counting. */
    private void replace(PooledRepl entry, String why, Replacing replacing) {
        if (state.get() == PoolState.RUNNING) {
            if (replacing == Replacing.CRASHED) {
                tally.restarts.incrementAndGet();
            }
            starting.incrementAndGet();
            retire(entry, why);
            submitSpawn(Duration.ZERO);
        } else {
            retire(entry, why);
        }
    }

    private void submitSpawn(Duration delay) {
        if (startFailures.gaveUp()) {
            starting.decrementAndGet(); // given up: nothing more is started
            return;
        }
        try {
            adder.schedule(this::spawnInBackground, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            starting.decrementAndGet(); // closing
        }
    }

    private void spawnInBackground() {
        PooledRepl entry;
        try {
            entry = starter.start();
        } catch (Throwable t) {
            startFailures.remember(t);
            if (state.get() == PoolState.RUNNING) {
                int n = startFailures.countFailure();
                if (StartFailures.enoughToGiveUp(n) && queue.size() == 0) {
                    starting.decrementAndGet();
                    // waiting callers wake and fail with the reason, as the first start would have failed at once
                    startFailures.giveUp(n, t);
                    queue.wakeAll();
                    return;
                }
                Duration backoff = startFailures.backoff(n);
                LOG.log(Level.WARNING, config.name() + ": starting a REPL failed (" + n + " in a row), next try in "
                        + backoff.toMillis() + " ms: " + t.getMessage());
                tally.restarts.incrementAndGet();
                submitSpawn(backoff); // still counted as starting
            } else {
                starting.decrementAndGet();
            }
            return;
        }
        startFailures.started();
        if (state.get() != PoolState.RUNNING) {
            starting.decrementAndGet();
            starter.close(entry.process);
            return;
        }
        queue.add(entry);
        starting.decrementAndGet();
    }

    /** Why the pool gave up starting processes, if it did (then every lease fails with it). */
    public Optional<String> brokenReason() {
        return startFailures.reason();
    }

    private void retire(PooledRepl entry, String why) {
        entry.markRemoved();
        queue.remove(entry);
        LOG.log(Level.DEBUG, () -> config.name() + ": retiring " + entry.process.name() + ": " + why);
        closeInBackground(entry);
    }

    private void closeInBackground(PooledRepl entry) {
        try {
            closer.execute(() -> starter.close(entry.process));
        } catch (RejectedExecutionException e) {
            starter.close(entry.process);
        }
    }

    // ------------------------------------------------------------------ housekeeping

    private void houseKeep() {
        try {
            if (state.get() != PoolState.RUNNING) {
                return;
            }
            Instant now = clock.instant();
            for (PooledRepl e : queue.members()) {
                switch (e.state()) {
                    case IN_USE -> {
                        if (!e.evictOnReturn && e.limitPassed(now) != null) {
                            e.evictOnReturn = true;
                        }
                    }
                    case NOT_IN_USE -> retireIdle(e, now);
                    case RESERVED, REMOVED -> {
                    }
                }
            }
            int deficit = config.size() - queue.size() - starting.get();
            for (int i = 0; i < deficit; i++) {
                scheduleSpawn(Duration.ZERO, Replacing.NOTHING);
            }
        } catch (Throwable t) {
            // the schedule must never die silently
            LOG.log(Level.ERROR, config.name() + ": housekeeping failed", t);
        }
    }

    private void retireIdle(PooledRepl e, Instant now) {
        boolean dead = !e.process.usable();
        String limit = dead ? null : e.limitPassed(now);
        if (!dead && limit == null) {
            return;
        }
        if (!queue.reserveIdle(e)) {
            return;
        }
        if (dead) {
            tally.crashes.incrementAndGet();
            replace(e, "died while idle", Replacing.CRASHED);
        } else {
            tally.recycles.incrementAndGet();
            replace(e, limit, Replacing.RECYCLED);
        }
    }

    /**
     * Waits until every process of the pool has started (or failed to start), up to
     * {@code timeout}; returns how many are running. A batch of searches started before the pool
     * is full would put all its proof states on the first process.
     */
    public int awaitStarted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state.get() == PoolState.RUNNING && starting.get() > 0 && !startFailures.gaveUp()
                && !startFailures.enoughSoFar() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return queue.size();
    }

    // ------------------------------------------------------------------ observing

    public PoolCounters counters() {
        return tally.snapshot(queue.size(), queue.idleCount(), starting.get());
    }

    /** Pids of every live process tree the pool holds (for leak checks and the doctor). */
    public List<Long> processPids() {
        return starter.pids();
    }

    private void requireRunning() {
        if (state.get() != PoolState.RUNNING) {
            throw new IllegalStateException(config.name() + " is closed");
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Stops the housekeeper and the adder, fails waiting callers, kills every process tree
     * (leased ones too) and waits for them, each wait bounded. Idempotent.
     */
    @Override
    public void close() {
        if (!state.compareAndSet(PoolState.RUNNING, PoolState.CLOSING)) {
            return;
        }
        housekeeper.shutdownNow();
        adder.shutdownNow();
        queue.wakeAll(); // waiters wake, see CLOSING and fail
        Duration wait = config.process().exitWait().multipliedBy(2).plusSeconds(2);
        awaitTermination(adder, wait, "adder");
        for (PooledRepl e : queue.members()) {
            e.markRemoved();
            closeInBackground(e);
        }
        queue.clear();
        closer.shutdown();
        awaitTermination(closer, wait, "closer");
        starter.killSurvivors();
        awaitTermination(housekeeper, Duration.ofSeconds(2), "housekeeper");
        state.set(PoolState.CLOSED);
    }

    private void awaitTermination(ExecutorService executor, Duration wait, String what) {
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, config.name() + ": " + what + " did not stop within " + wait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
