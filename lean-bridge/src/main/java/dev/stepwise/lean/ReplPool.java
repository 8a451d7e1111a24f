package dev.stepwise.lean;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool of REPL processes, and the only owner of their lives: it starts them (warm, with a
 * healthy header env), lends them, takes them back, retires them at their limits, restarts the
 * ones that crashed, and closes them all.
 *
 * <p>A fair semaphore counts the idle processes in a deque; whoever holds a permit may take one
 * entry from the deque. A housekeeper thread retires idle processes past their age or memory
 * limit and tops the pool up; a process in use past a limit is only marked and retired when its
 * lease ends. Processes are killed on a closer thread, never on a caller's thread.
 */
public final class ReplPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplPool.class.getName());
    /** Limits are lowered by up to this fraction per process, so processes do not all retire at once. */
    private static final double JITTER = 0.025;

    private enum PoolState { RUNNING, CLOSING, CLOSED }

    private final ReplPoolConfig config;
    private final ReplCodec codec;
    private final HostTools tools;
    private final InstantSource clock;
    private final AtomicReference<PoolState> state = new AtomicReference<>(PoolState.RUNNING);
    private final Semaphore idlePermits = new Semaphore(0, true);
    private final Deque<PooledRepl> idle = new ConcurrentLinkedDeque<>();
    private final Set<PooledRepl> all = ConcurrentHashMap.newKeySet();
    /** Every process started and not yet closed, whatever its entry's state: the final sweep kills these. */
    private final Set<ReplProcess> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService housekeeper;
    private final ScheduledExecutorService adder;
    private final ExecutorService closer;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong leases = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong recycles = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger failedStartsInARow = new AtomicInteger();
    private volatile Throwable lastStartFailure;
    /** Signalled whenever a process comes back, for callers waiting for the one that holds their state. */
    private final ReentrantLock returnLock = new ReentrantLock();
    private final Condition returned = returnLock.newCondition();

    private ReplPool(ReplPoolConfig config, ReplCodec codec, HostTools tools, InstantSource clock) {
        this.config = config;
        this.codec = codec;
        this.tools = tools;
        this.clock = clock;
        var keeper = new java.util.concurrent.ScheduledThreadPoolExecutor(1, named(config.name() + "-housekeeper"));
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
            first = pool.spawn();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        pool.publish(first);
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
        return lease(header, Set.of());
    }

    /**
     * A lease, preferring first a process in {@code preferred} (one that holds the caller's
     * proof state), then one with {@code header} warm, then any.
     *
     * @throws ReplPoolTimeoutException if none comes free within the lease timeout
     */
    public ReplLease lease(String header, Set<Long> preferred) {
        leases.incrementAndGet();
        if (!preferred.isEmpty() && !config.ownerWait().isZero()) {
            ReplLease owner = leaseOwner(preferred);
            if (owner != null) {
                return owner;
            }
        }
        long deadline = System.nanoTime() + config.leaseTimeout().toNanos();
        boolean counted = false;
        while (true) {
            requireRunning();
            if (!idlePermits.tryAcquire()) {
                if (!counted) {
                    waits.incrementAndGet();
                    counted = true;
                }
                try {
                    if (!idlePermits.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        throw leaseTimeout();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(config.name() + ": interrupted while waiting for a REPL", e);
                }
            }
            if (state.get() != PoolState.RUNNING) {
                idlePermits.release();
                requireRunning();
            }
            ReplLease lease = activate(take(header, preferred));
            if (lease != null) {
                return lease;
            }
        }
    }

    /**
     * Waits up to {@code ownerWait} for one of the processes that hold the caller's proof state to
     * come free; null when none does in time or none is alive, and the caller then takes any
     * process and replays the state's path there.
     */
    private ReplLease leaseOwner(Set<Long> preferred) {
        long deadline = System.nanoTime() + config.ownerWait().toNanos();
        while (state.get() == PoolState.RUNNING && all.stream().anyMatch(e -> preferred.contains(e.id))) {
            if (idlePermits.tryAcquire()) {
                PooledRepl owner = null;
                for (PooledRepl e : idle) {
                    if (preferred.contains(e.id) && idle.remove(e)) {
                        owner = e;
                        break;
                    }
                }
                if (owner == null) {
                    idlePermits.release();
                } else {
                    ReplLease lease = activate(owner);
                    if (lease != null) {
                        return lease;
                    }
                    continue;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            returnLock.lock();
            try {
                returned.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(config.name() + ": interrupted while waiting for a REPL", e);
            } finally {
                returnLock.unlock();
            }
        }
        return null;
    }

    /** Lends an entry taken off the idle deque; null when it died while idle (it is replaced). */
    private ReplLease activate(PooledRepl entry) {
        if (!entry.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.IN_USE)) {
            throw new IllegalStateException(config.name() + ": idle entry " + entry + " was not free");
        }
        if (!entry.process.usable()) {
            // died while idle: nothing was lost but the process
            crashes.incrementAndGet();
            replace(entry, "died while idle", Replacing.CRASHED);
            return null;
        }
        Exception holder = new Exception("lease of " + entry.process.name() + " taken here");
        ScheduledFuture<?> leak = housekeeper.schedule(() -> LOG.log(Level.WARNING, config.name() + ": "
                + entry.process.name() + " leased for more than " + config.leakThreshold().toMillis()
                + " ms; holder:", holder), config.leakThreshold().toMillis(), TimeUnit.MILLISECONDS);
        return new ReplLease(this, entry, leak);
    }

    private PooledRepl take(String header, Set<Long> preferred) {
        if (!preferred.isEmpty()) {
            for (PooledRepl e : idle) {
                if (preferred.contains(e.id) && idle.remove(e)) {
                    return e;
                }
            }
        }
        for (PooledRepl e : idle) {
            if (e.hasEnv(header) && idle.remove(e)) {
                return e;
            }
        }
        PooledRepl e = idle.pollFirst();
        if (e == null) {
            throw new IllegalStateException(config.name() + ": a permit without an idle entry");
        }
        return e;
    }

    /** Called once by {@link ReplLease#close()}. */
    void giveBack(PooledRepl entry) {
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
            recycles.incrementAndGet();
            replace(entry, limit, Replacing.RECYCLED);
            return;
        }
        entry.move(PooledRepl.State.IN_USE, PooledRepl.State.NOT_IN_USE);
        // At the back: idle processes are taken in turn, so new proof states spread over all of them.
        idle.addLast(entry);
        idlePermits.release();
        returnLock.lock();
        try {
            returned.signalAll();
        } finally {
            returnLock.unlock();
        }
    }

    void countTimeout() {
        timeouts.incrementAndGet();
    }

    void countCrash() {
        crashes.incrementAndGet();
    }

    /** Sessions call this when they rebuild a proof state on another process. */
    public void countReplay() {
        replays.incrementAndGet();
    }

    // ------------------------------------------------------------------ starting and retiring

    private enum Replacing { NOTHING, CRASHED, RECYCLED }

    private PooledRepl spawn() {
        long id = ids.incrementAndGet();
        ReplProcess process = ReplProcess.start("repl-" + id, config.process(), codec, tools, clock);
        live.add(process);
        try {
            PooledRepl entry = new PooledRepl(id, process, jitter(config.maxCommands()), jitter(config.maxRssBytes()),
                    config.maxAge().isZero() ? null
                            : clock.instant().plus(Duration.ofNanos(jitter(config.maxAge().toNanos()))));
            for (String header : config.warmHeaders()) {
                HeaderEnv env = HeaderCheck.warm(process, header, config.warmupTimeout());
                switch (env) {
                    case HeaderEnv.Ready r -> entry.rememberEnv(header, r.env());
                    case HeaderEnv.Failed f -> throw new ReplStartException(process.name() + ": header "
                            + firstLine(header) + ": " + f.reason() + stderr(process), null);
                }
            }
            return entry;
        } catch (ReplCrashException | ReplTimeoutException e) {
            closeNow(process);
            throw new ReplStartException(process.name() + " failed while warming up: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeNow(process);
            throw e;
        }
    }

    private static String stderr(ReplProcess p) {
        List<String> tail = p.stderrTail();
        return tail.isEmpty() ? "" : "; last stderr: " + String.join(" | ", tail);
    }

    private static String firstLine(String header) {
        String line = header.strip().lines().findFirst().orElse("");
        return "'" + (line.length() > 60 ? line.substring(0, 57) + "..." : line) + "'";
    }

    private static long jitter(long limit) {
        return limit - (long) Math.floor(limit * JITTER * ThreadLocalRandom.current().nextDouble());
    }

    private void publish(PooledRepl entry) {
        all.add(entry);
        idle.addFirst(entry);
        idlePermits.release();
    }

    /**
     * Counts the new process as starting before anything else happens, so the housekeeper's
     * top-up, which counts live plus starting processes, never sees a gap and starts one too many.
     */
    private void scheduleSpawn(Duration delay, Replacing replacing) {
        if (state.get() != PoolState.RUNNING) {
            return;
        }
        if (replacing == Replacing.CRASHED) {
            restarts.incrementAndGet();
        }
        starting.incrementAndGet();
        submitSpawn(delay);
    }

    /** Replaces a retired entry: the replacement is counted before the entry stops counting. */
    private void replace(PooledRepl entry, String why, Replacing replacing) {
        if (state.get() == PoolState.RUNNING) {
            if (replacing == Replacing.CRASHED) {
                restarts.incrementAndGet();
            }
            starting.incrementAndGet();
            retire(entry, why);
            submitSpawn(Duration.ZERO);
        } else {
            retire(entry, why);
        }
    }

    private void submitSpawn(Duration delay) {
        try {
            adder.schedule(this::spawnInBackground, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            starting.decrementAndGet(); // closing
        }
    }

    private void spawnInBackground() {
        PooledRepl entry;
        try {
            entry = spawn();
        } catch (Throwable t) {
            lastStartFailure = t;
            if (state.get() == PoolState.RUNNING) {
                int n = failedStartsInARow.incrementAndGet();
                Duration backoff = backoff(n);
                LOG.log(Level.WARNING, config.name() + ": starting a REPL failed (" + n + " in a row), next try in "
                        + backoff.toMillis() + " ms: " + t.getMessage());
                restarts.incrementAndGet();
                submitSpawn(backoff); // still counted as starting
            } else {
                starting.decrementAndGet();
            }
            return;
        }
        failedStartsInARow.set(0);
        if (state.get() != PoolState.RUNNING) {
            starting.decrementAndGet();
            closeNow(entry.process);
            return;
        }
        publish(entry);
        starting.decrementAndGet();
    }

    private Duration backoff(int failures) {
        long ms = config.restartBackoff().toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(ms, config.maxRestartBackoff().toMillis()));
    }

    private void retire(PooledRepl entry, String why) {
        entry.markRemoved();
        all.remove(entry);
        LOG.log(Level.DEBUG, () -> config.name() + ": retiring " + entry.process.name() + ": " + why);
        try {
            closer.execute(() -> closeNow(entry.process));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closeNow(entry.process);
        }
    }

    private void closeNow(ReplProcess process) {
        try {
            process.close();
        } finally {
            if (!process.anyAlive()) {
                live.remove(process);
            }
        }
    }

    // ------------------------------------------------------------------ housekeeping

    private void houseKeep() {
        try {
            if (state.get() != PoolState.RUNNING) {
                return;
            }
            Instant now = clock.instant();
            for (PooledRepl e : all) {
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
            int deficit = config.size() - all.size() - starting.get();
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
        if (!idlePermits.tryAcquire()) {
            return;
        }
        if (!idle.remove(e)) {
            idlePermits.release();
            return;
        }
        e.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.RESERVED);
        if (dead) {
            crashes.incrementAndGet();
            replace(e, "died while idle", Replacing.CRASHED);
        } else {
            recycles.incrementAndGet();
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
        while (state.get() == PoolState.RUNNING && starting.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return all.size();
    }

    // ------------------------------------------------------------------ observing

    public PoolCounters counters() {
        return new PoolCounters(leases.get(), waits.get(), timeouts.get(), crashes.get(), restarts.get(),
                recycles.get(), replays.get(), all.size(), idle.size(), starting.get());
    }

    /** Pids of every live process tree the pool holds (for leak checks and the doctor). */
    public List<Long> processPids() {
        List<Long> pids = new ArrayList<>();
        for (ReplProcess p : live) {
            pids.addAll(p.treePids());
        }
        return pids;
    }

    private ReplPoolTimeoutException leaseTimeout() {
        Throwable cause = lastStartFailure;
        return new ReplPoolTimeoutException(config.name() + ": no REPL came free within "
                + config.leaseTimeout().toMillis() + " ms (total " + all.size() + ", idle " + idle.size()
                + ", starting " + starting.get() + ", waiting " + idlePermits.getQueueLength() + ")"
                + (cause == null ? "" : "; last start failure: " + cause.getMessage()), cause);
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
        idlePermits.release(Integer.MAX_VALUE / 2); // waiters wake, see CLOSING and fail
        Duration wait = config.process().exitWait().multipliedBy(2).plusSeconds(2);
        awaitTermination(adder, wait, "adder");
        for (PooledRepl e : all) {
            e.markRemoved();
            try {
                closer.execute(() -> closeNow(e.process));
            } catch (java.util.concurrent.RejectedExecutionException ex) {
                closeNow(e.process);
            }
        }
        all.clear();
        idle.clear();
        closer.shutdown();
        awaitTermination(closer, wait, "closer");
        for (ReplProcess p : List.copyOf(live)) {
            p.kill();
            if (!p.anyAlive()) {
                live.remove(p);
            } else {
                LOG.log(Level.ERROR, config.name() + ": " + p.name() + " (pid " + p.pid() + ") survived SIGKILL");
            }
        }
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
