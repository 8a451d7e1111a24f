package dev.stepwise.lean;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 * <p>Proof states live in the process that made them, so most callers want one particular
 * process. Callers that find no process for them wait in one queue, in order of arrival; a
 * process that comes back goes straight to the first caller it suits (one it owns state for, or
 * one any process will do for), and a process is idle only when no waiting caller can use it. A
 * caller waits for its busy owner at most the owner wait; before that, a process that would
 * otherwise sit idle takes over the caller that has the most commands queued ahead of it at its
 * owner, when rebuilding its state there costs fewer commands than that wait.
 *
 * <p>A housekeeper thread retires idle processes past their age or memory limit and tops the pool
 * up; a process in use past a limit is only marked and retired when its lease ends. Processes are
 * killed on a closer thread, never on a caller's thread.
 */
public final class ReplPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReplPool.class.getName());
    /** Limits are lowered by up to this fraction per process, so processes do not all retire at once. */
    private static final double JITTER = 0.025;
    /**
     * Failed starts in a row, with no process running, after which the pool gives up: every
     * waiting and later lease fails with the last start failure (Lean's own words) instead of
     * waiting out its lease timeout while the pool retries forever. With the restart back-off
     * doubling from its first wait, four tries take about seven of those waits.
     */
    static final int FAILED_STARTS_BEFORE_BROKEN = 4;

    private enum PoolState { RUNNING, CLOSING, CLOSED }

    private final ReplPoolConfig config;
    private final ReplCodec codec;
    private final HostTools tools;
    private final InstantSource clock;
    private final AtomicReference<PoolState> state = new AtomicReference<>(PoolState.RUNNING);
    /** Guards {@link #idle} and {@link #waiting}, and every move of an entry into or out of them. */
    private final ReentrantLock lendLock = new ReentrantLock();
    /** Free processes, longest idle first: taken in turn, so new proof states spread over all of them. */
    private final ArrayDeque<PooledRepl> idle = new ArrayDeque<>();
    /** Callers no idle process suits, in order of arrival. */
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
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
    private final AtomicLong ownerWaits = new AtomicLong();
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger failedStartsInARow = new AtomicInteger();
    private volatile Throwable lastStartFailure;
    /** Set once when starts keep failing with no process running; from then on every lease fails with it. */
    private volatile ReplStartException broken;

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
        leases.incrementAndGet();
        while (true) {
            long now = System.nanoTime();
            Waiter w = new Waiter(Set.copyOf(owners), header, rebuildCommands, now + config.ownerWait().toNanos());
            ReplLease lease = activate(obtain(w, now + config.leaseTimeout().toNanos()));
            if (lease != null) {
                return lease;
            }
        }
    }

    /** A caller waiting for a process; guarded by {@link #lendLock}. */
    private final class Waiter {
        final Set<Long> owners;
        final String header;
        final int rebuildCommands;
        /** From this {@link System#nanoTime()} on, any process will do. */
        final long ownerDeadline;
        final Condition handedOver = lendLock.newCondition();
        PooledRepl entry;
        boolean takenOver;

        Waiter(Set<Long> owners, String header, int rebuildCommands, long ownerDeadline) {
            this.owners = owners;
            this.header = header;
            this.rebuildCommands = rebuildCommands;
            this.ownerDeadline = ownerDeadline;
        }

        /** Whether a process other than its owners will do: no owners, owners gone, or waited long enough. */
        boolean anyWillDo(long now) {
            if (owners.isEmpty() || now - ownerDeadline >= 0) {
                return true;
            }
            for (PooledRepl e : all) {
                if (owners.contains(e.id)) {
                    return false;
                }
            }
            return true;
        }

        boolean accepts(PooledRepl e, long now) {
            return owners.contains(e.id) || anyWillDo(now);
        }
    }

    /** An entry moved to IN_USE for the waiter: an idle one that suits it, or the first handed to it. */
    private PooledRepl obtain(Waiter w, long deadline) {
        lendLock.lock();
        try {
            requireRunning();
            requireStartable();
            PooledRepl e = takeIdle(w, System.nanoTime());
            if (e != null) {
                return e;
            }
            if (!idle.isEmpty() && queuedAtOwners(w) > w.rebuildCommands) {
                // an idle process, and a longer wait for the owners than a rebuild takes
                takeovers.incrementAndGet();
                return take(anyIdle(w.header));
            }
            waits.incrementAndGet();
            if (!w.anyWillDo(System.nanoTime())) {
                ownerWaits.incrementAndGet();
            }
            waiting.addLast(w);
            boolean anyWillDo = false;
            try {
                while (w.entry == null) {
                    if (state.get() != PoolState.RUNNING || broken != null) {
                        waiting.remove(w);
                        requireRunning();
                        requireStartable();
                    }
                    long now = System.nanoTime();
                    if (now - deadline >= 0) {
                        waiting.remove(w);
                        throw leaseTimeout();
                    }
                    long until = deadline;
                    if (!anyWillDo) {
                        if (w.anyWillDo(now)) {
                            // the owner wait ran out (or the owners died): an idle process will do now
                            anyWillDo = true;
                            e = takeIdle(w, now);
                            if (e != null) {
                                waiting.remove(w);
                                return e;
                            }
                        } else {
                            until = w.ownerDeadline;
                        }
                    }
                    w.handedOver.awaitNanos(until - now);
                }
                if (w.takenOver) {
                    takeovers.incrementAndGet();
                }
                return w.entry;
            } catch (InterruptedException ie) {
                waiting.remove(w);
                if (w.entry != null) {
                    lend(w.entry); // handed over as we were interrupted: to the next caller
                }
                Thread.currentThread().interrupt();
                throw new IllegalStateException(config.name() + ": interrupted while waiting for a REPL", ie);
            }
        } finally {
            lendLock.unlock();
        }
    }

    /** Under the lend lock: an idle entry that suits the waiter, moved to IN_USE, or null. */
    private PooledRepl takeIdle(Waiter w, long now) {
        for (PooledRepl e : idle) {
            if (w.owners.contains(e.id)) {
                return take(e);
            }
        }
        return w.anyWillDo(now) ? take(anyIdle(w.header)) : null;
    }

    /** Under the lend lock: an idle entry with the header warm, else the one idle longest, else null. */
    private PooledRepl anyIdle(String header) {
        for (PooledRepl e : idle) {
            if (e.hasEnv(header)) {
                return e;
            }
        }
        return idle.peekFirst();
    }

    /** Under the lend lock: moves an idle entry (or null) to IN_USE. */
    private PooledRepl take(PooledRepl e) {
        if (e == null) {
            return null;
        }
        idle.remove(e);
        if (!e.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.IN_USE)) {
            throw new IllegalStateException(config.name() + ": idle entry " + e + " was not free");
        }
        return e;
    }

    /** Under the lend lock: callers queued for the least busy of the waiter's owners. */
    private int queuedAtOwners(Waiter w) {
        int least = Integer.MAX_VALUE;
        for (Long owner : w.owners) {
            int n = 0;
            for (Waiter q : waiting) {
                if (q.owners.contains(owner)) {
                    n++;
                }
            }
            least = Math.min(least, n);
        }
        return w.owners.isEmpty() ? 0 : least;
    }

    /**
     * Under the lend lock (or taking it): hands a healthy entry, IN_USE or NOT_IN_USE, to the first
     * waiting caller it suits, else to a caller worth taking over, else puts it at the back of the
     * idle deque.
     */
    private void lend(PooledRepl entry) {
        lendLock.lock();
        try {
            long now = System.nanoTime();
            Waiter chosen = null;
            for (Waiter w : waiting) {
                if (w.accepts(entry, now)) {
                    chosen = w;
                    break;
                }
            }
            if (chosen == null) {
                chosen = worthTakingOver();
                if (chosen != null) {
                    chosen.takenOver = true;
                }
            }
            if (chosen == null) {
                entry.move(PooledRepl.State.IN_USE, PooledRepl.State.NOT_IN_USE);
                idle.addLast(entry);
                return;
            }
            waiting.remove(chosen);
            entry.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.IN_USE);
            chosen.entry = entry;
            chosen.handedOver.signal();
        } finally {
            lendLock.unlock();
        }
    }

    /**
     * Under the lend lock, for a process that no waiting caller accepts (so every one of them waits
     * for its owners): the caller with the most commands queued ahead of it at its owners beyond
     * what rebuilding its state costs, or null when rebuilding costs at least the wait for everyone.
     */
    private Waiter worthTakingOver() {
        Map<Long, Integer> queued = new HashMap<>();
        Waiter best = null;
        int bestGain = 0;
        for (Waiter w : waiting) {
            int ahead = Integer.MAX_VALUE;
            for (Long owner : w.owners) {
                ahead = Math.min(ahead, queued.getOrDefault(owner, 0));
            }
            for (Long owner : w.owners) {
                queued.merge(owner, 1, Integer::sum);
            }
            int gain = ahead - w.rebuildCommands;
            if (gain > bestGain || (gain == bestGain && gain > 0)) {
                best = w;
                bestGain = gain;
            }
        }
        return best;
    }

    /** Lends an entry moved to IN_USE for the caller; null when it died while idle (it is replaced). */
    private ReplLease activate(PooledRepl entry) {
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
        return new ReplLease(this, entry, leak, System.nanoTime());
    }

    /** Called once by {@link ReplLease#close()}, with how long the lease was held. */
    void giveBack(PooledRepl entry, long heldNanos) {
        busyNanos.addAndGet(heldNanos);
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
        lend(entry);
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
        lend(entry);
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
        if (broken != null) {
            starting.decrementAndGet(); // given up: nothing more is started
            return;
        }
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
                if (n >= FAILED_STARTS_BEFORE_BROKEN && all.isEmpty()) {
                    starting.decrementAndGet();
                    giveUp(n, t);
                    return;
                }
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

    /**
     * No process runs and none could be started {@code failures} times in a row: the set-up is
     * broken (Lean gone, Mathlib not built, the sandbox refusing), not unlucky. Waiting callers
     * wake and fail with the reason, as the first start would have failed at once.
     */
    private void giveUp(int failures, Throwable last) {
        lendLock.lock();
        try {
            if (broken == null) {
                broken = new ReplStartException(config.name() + ": no REPL process could be started in " + failures
                        + " tries in a row and none is running; last failure: " + last.getMessage(), last);
                LOG.log(Level.ERROR, broken.getMessage());
            }
            waiting.forEach(w -> w.handedOver.signal());
        } finally {
            lendLock.unlock();
        }
    }

    /** Under the lend lock: throws, for this caller, the failure the pool gave up on. */
    private void requireStartable() {
        ReplStartException b = broken;
        if (b != null) {
            throw new ReplStartException(b.getMessage(), b.getCause());
        }
    }

    /** Why the pool gave up starting processes, if it did (then every lease fails with it). */
    public java.util.Optional<String> brokenReason() {
        ReplStartException b = broken;
        return b == null ? java.util.Optional.empty() : java.util.Optional.of(b.getMessage());
    }

    private Duration backoff(int failures) {
        long ms = config.restartBackoff().toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(ms, config.maxRestartBackoff().toMillis()));
    }

    private void retire(PooledRepl entry, String why) {
        entry.markRemoved();
        all.remove(entry);
        ownersGone();
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

    /**
     * A process left the pool: callers that waited only for it may now take an idle process
     * rather than wait out their owner wait.
     */
    private void ownersGone() {
        lendLock.lock();
        try {
            long now = System.nanoTime();
            for (Iterator<Waiter> it = waiting.iterator(); it.hasNext() && !idle.isEmpty();) {
                Waiter w = it.next();
                if (w.anyWillDo(now)) {
                    PooledRepl e = takeIdle(w, now);
                    if (e != null) {
                        it.remove();
                        w.entry = e;
                        w.handedOver.signal();
                    }
                }
            }
        } finally {
            lendLock.unlock();
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
        lendLock.lock();
        try {
            if (!idle.remove(e)) {
                return;
            }
            e.move(PooledRepl.State.NOT_IN_USE, PooledRepl.State.RESERVED);
        } finally {
            lendLock.unlock();
        }
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
        while (state.get() == PoolState.RUNNING && starting.get() > 0 && broken == null
                && failedStartsInARow.get() < FAILED_STARTS_BEFORE_BROKEN && System.nanoTime() < deadline) {
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
        int idleNow;
        lendLock.lock();
        try {
            idleNow = idle.size();
        } finally {
            lendLock.unlock();
        }
        return new PoolCounters(leases.get(), waits.get(), ownerWaits.get(), takeovers.get(), timeouts.get(),
                crashes.get(), restarts.get(), recycles.get(), replays.get(), Duration.ofNanos(busyNanos.get()),
                all.size(), idleNow, starting.get());
    }

    /** Pids of every live process tree the pool holds (for leak checks and the doctor). */
    public List<Long> processPids() {
        List<Long> pids = new ArrayList<>();
        for (ReplProcess p : live) {
            pids.addAll(p.treePids());
        }
        return pids;
    }

    /** Under the lend lock, after the caller left the queue. */
    private ReplPoolTimeoutException leaseTimeout() {
        Throwable cause = lastStartFailure;
        return new ReplPoolTimeoutException(config.name() + ": no REPL came free within "
                + config.leaseTimeout().toMillis() + " ms (total " + all.size() + ", idle " + idle.size()
                + ", starting " + starting.get() + ", waiting " + waiting.size() + ")"
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
        lendLock.lock();
        try {
            waiting.forEach(w -> w.handedOver.signal()); // waiters wake, see CLOSING and fail
        } finally {
            lendLock.unlock();
        }
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
        lendLock.lock();
        try {
            idle.clear();
        } finally {
            lendLock.unlock();
        }
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
